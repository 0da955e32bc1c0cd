import type { BusOperations } from '@suite/bus';
import { notFound, timestamp } from '@suite/contracts';
import { router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';

const manage = staffProcedure.meta({ permission: 'platform.bus.manage' });

const statusView = z.object({
  transport: z.string(),
  relay: z.object({ active: z.boolean(), backlog: z.number(), oldestSeconds: z.number().nullable() }),
  groups: z.array(
    z.object({
      group: z.string(),
      paused: z.boolean(),
      lag: z.number().describe('Sum over the partitions.'),
      partitions: z.array(z.object({ topic: z.string(), partition: z.number(), lag: z.number() })),
    }),
  ),
});

const deadLetterView = z.object({
  id: z.string(),
  group: z.string(),
  type: z.string(),
  key: z.string(),
  attempts: z.number(),
  error: z.string(),
  deadAt: timestamp,
  replayRequestedAt: timestamp.nullable(),
  replayedAt: timestamp.nullable(),
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * The bus for an org's Owners and Admins: groups and lag are the cluster's plumbing (no tenant data),
 * dead letters are the active org's only, and replay takes one of those by id.
 */
export function busRouter(bus: () => BusOperations) {
  return router({
    status: manage.output(statusView).query(async () => {
      const { transport, relay, groups } = await bus().status();
      return {
        transport,
        relay: { active: relay.active, backlog: relay.backlog, oldestSeconds: relay.oldestSeconds },
        groups: groups.map((group) => {
          const partitions = group.partitions.map(({ topic, partition, lag }) => ({
            topic,
            partition,
            lag: Number(lag),
          }));
          const lag = partitions.reduce((sum, partition) => sum + partition.lag, 0);
          return { group: group.group, paused: group.paused, lag, partitions };
        }),
      };
    }),
    deadLetters: manage
      .input(z.object({ includeReplayed: z.boolean().default(false) }).default({ includeReplayed: false }))
      .output(z.array(deadLetterView))
      .query(async ({ ctx, input }) => {
        const letters = await bus().listDeadLetters({ ...input, orgId: ctx.orgId });
        return letters.map((letter) => ({
          id: letter.id,
          group: letter.group,
          type: letter.type,
          key: letter.key,
          attempts: letter.attempts,
          error: letter.error,
          deadAt: letter.deadAt.toISOString(),
          replayRequestedAt: iso(letter.replayRequestedAt),
          replayedAt: iso(letter.replayedAt),
        }));
      }),
    replay: manage
      .input(z.object({ id: z.string().regex(/^\d+$/, 'expected a dead letter id, e.g. 42') }))
      .output(z.object({ queued: z.array(z.string()) }))
      .mutation(async ({ ctx, input }) => {
        const letter = await bus().showDeadLetter(input.id);
        // Another org's dead letter answers like a missing one.
        if (letter?.orgId !== ctx.orgId) throw notFound(`dead letter ${input.id}`);
        return { queued: await bus().replay({ id: input.id }) };
      }),
  });
}
