import { invalid, MODULE_NAMES, timestamp } from '@suite/contracts';
import {
  createIntegrationKey,
  IntegrationKeyInputError,
  type IntegrationKeySummary,
  listIntegrationKeys,
  remoteSettingNames,
  revokeIntegrationKey,
  rotateIntegrationKey,
  router,
  staffProcedure,
} from '@suite/hub-auth';
import { z } from 'zod';

const manage = staffProcedure.meta({ permission: 'platform.keys.manage' });
const byKey = z.object({ keyId: z.uuid() });

const keyView = z.object({
  id: z.string(),
  prefix: z.string(),
  caller: z.string(),
  target: z.string(),
  scopes: z.array(z.string()),
  label: z.string(),
  status: z.enum(['active', 'expired', 'revoked']),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});

/** The key itself, shown once, and the setting (or, for the MCP server, the header) the caller needs. */
const issuedView = z.object({ key: z.string(), envLine: z.string(), summary: keyView });

const iso = (date: Date | null) => date?.toISOString() ?? null;

function toKeyView({ orgId: _orgId, ...key }: IntegrationKeySummary): z.infer<typeof keyView> {
  return {
    ...key,
    scopes: [...key.scopes],
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: iso(key.lastUsedAt),
    expiresAt: iso(key.expiresAt),
    revokedAt: iso(key.revokedAt),
  };
}

function issued(orgId: string, key: string, summary: IntegrationKeySummary): z.infer<typeof issuedView> {
  const target = MODULE_NAMES.find((name) => name === summary.target);
  const envLine = target ? `${remoteSettingNames(target).key}=${orgId}=${key}` : `X-Integration-Key: ${key}`;
  return { key, envLine, summary: toKeyView(summary) };
}

/** The key service speaks to operators; its input errors are the caller's to fix. */
async function asDomain<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof IntegrationKeyInputError) throw invalid(error.message);
    throw error;
  }
}

const actor = (userId: string) => `staff:${userId}`;

/** What `suite keys` does, for Owners and Admins in the console; always the active org's keys. */
export const integrationKeysRouter = router({
  list: manage.output(z.array(keyView)).query(async ({ ctx }) => {
    return (await listIntegrationKeys(ctx.tenant)).map(toKeyView);
  }),
  create: manage
    .input(
      z.object({
        caller: z.string().trim().min(1),
        target: z.enum(MODULE_NAMES),
        scopes: z.array(z.string().trim().min(1)).min(1, 'name at least one scope, e.g. crm:*'),
        label: z.string().trim().max(200).optional(),
      }),
    )
    .output(issuedView)
    .mutation(async ({ ctx, input }) => {
      const made = await asDomain(createIntegrationKey(ctx.tenant, { ...input, actor: actor(ctx.user.id) }));
      return issued(ctx.orgId, made.key, made.summary);
    }),
  rotate: manage
    .input(
      byKey.extend({
        overlapHours: z
          .number()
          .int()
          .min(0)
          .max(24 * 30)
          .default(24),
      }),
    )
    .output(issuedView.extend({ previous: keyView }))
    .mutation(async ({ ctx, input }) => {
      const { issued: made, previous } = await asDomain(
        rotateIntegrationKey(
          ctx.tenant,
          { id: input.keyId },
          { overlapMs: input.overlapHours * 3_600_000, actor: actor(ctx.user.id) },
        ),
      );
      return { ...issued(ctx.orgId, made.key, made.summary), previous: toKeyView(previous) };
    }),
  revoke: manage
    .input(byKey)
    .output(keyView)
    .mutation(async ({ ctx, input }) =>
      toKeyView(await asDomain(revokeIntegrationKey(ctx.tenant, { id: input.keyId }, actor(ctx.user.id)))),
    ),
});
