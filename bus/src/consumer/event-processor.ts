import type { EventDefinition } from '@suite/contracts';
import { type Database, forOrg, type OrgTransaction } from '@suite/db';
import type pg from 'pg';
import type { Logger } from 'pino';
import { z } from 'zod';
import { eventAttributesSchema, versionOf } from '../envelope/cloud-event';
import { childTrace } from '../envelope/traceparent';
import type { BusMetrics } from '../metrics/bus.metrics';
import type { InboundRecord } from '../transport/transport';
import { type DeadLetterReason, insertDeadLetter } from './dead-letter.repository';
import { waitOutOutage } from './infrastructure';
import type { Limiter } from './limiter';
import { type AdvanceOffset, writeOffsets } from './partition-pipeline';
import { SharedOrgTransactions } from './shared-org-transactions';
import type { Stopper } from './stopper';
import type { BusEvent, RetryPolicy, Subscription } from './subscription';

/** Thrown out of a batch when the consumer stops mid-retry: the batch is not committed and comes again. */
export class ConsumerStoppingError extends Error {
  constructor(group: string) {
    super(`consumer group ${group} is stopping; the event will be delivered again`);
    this.name = 'ConsumerStoppingError';
  }
}

export type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface ProcessorDeps {
  readonly db: Database;
  readonly pool: pg.Pool;
  readonly log: Logger;
  readonly metrics?: BusMetrics;
  readonly retry: RetryPolicy;
  readonly handlerTimeoutMs: number;
  /** Shared by every group of the process, so handler transactions never outnumber the app pool. */
  readonly limiter: Limiter;
  readonly stopper: Stopper;
  /** Most records of a partition applied together; shared transactions take a few such batches. */
  readonly maxBatch: number;
}

/** Batches of one org (from different partitions) in one shared transaction, and such transactions at once. */
const SHARED_BATCHES = 4;
const SHARED_IN_FLIGHT_PER_ORG = 2;

const errorText = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/** Validates one record, applies it with its inbox row in one tenant transaction, retries, dead-letters. */
export class EventProcessor {
  private readonly versions = new Map<string, EventDefinition[]>();
  /** Events whose handler already failed once inside a batch: their one-at-a-time retries go on from there. */
  private readonly failedInBatch = new Map<string, unknown>();
  private readonly shared: SharedOrgTransactions;

  constructor(
    private readonly subscription: Subscription,
    private readonly deps: ProcessorDeps,
  ) {
    this.shared = new SharedOrgTransactions(
      (orgId, events, advances) => deps.limiter.run(() => this.applyTogether(orgId, events, advances)),
      {
        maxEvents: deps.maxBatch * SHARED_BATCHES,
        inFlightPerOrg: SHARED_IN_FLIGHT_PER_ORG,
        culprit: (error) => (error instanceof BatchHandlerError ? error.eventId : undefined),
      },
    );
    for (const definition of subscription.types) {
      this.versions.set(definition.type, [...(this.versions.get(definition.type) ?? []), definition]);
    }
  }

  get topics(): string[] {
    return [...new Set(this.subscription.types.map((definition) => definition.topic))];
  }

  async process(record: InboundRecord): Promise<Outcome> {
    const checked = this.validate(record);
    if (checked.kind === 'invalid') return this.deadLetter(record, checked.reason, checked.error, 0);
    if (checked.kind === 'ignored') return 'ignored';
    const { event } = checked;
    if (!this.failedInBatch.has(event.id)) return this.applyWithRetries(record, event, 1);
    // Its first attempt failed in a batch: counted, logged and paused for like any other.
    const failure = this.failedInBatch.get(event.id);
    this.failedInBatch.delete(event.id);
    return (await this.afterFailure(record, event, 1, failure)) ?? this.applyWithRetries(record, event, 2);
  }

  /**
   * Applies valid records of several keys together: per org one tenant transaction with one inbox
   * insert for all and the handlers in offset order for the new ones, shared with other partitions'
   * batches of that org arriving at the same time. False (nothing of the failed org's transaction
   * committed) when a record is invalid or a handler fails: the pipeline then applies them one at a
   * time, with retries and dead letters per event. A database outage is waited out and the batch tried
   * again. `advance` runs last in the last org's transaction.
   */
  async processBatch(records: readonly InboundRecord[], advance?: AdvanceOffset): Promise<boolean> {
    const byOrg = new Map<string, BusEvent[]>();
    for (const record of records) {
      const checked = this.validate(record);
      if (checked.kind === 'invalid') return false;
      if (checked.kind === 'ignored') continue;
      const events = byOrg.get(checked.event.orgid) ?? [];
      events.push(checked.event);
      byOrg.set(checked.event.orgid, events);
    }
    const { stopper, pool, log } = this.deps;
    const lastOrg = [...byOrg.keys()].at(-1);
    for (const [orgId, events] of byOrg) {
      for (;;) {
        try {
          await this.shared.run(orgId, events, orgId === lastOrg ? advance : undefined);
          break;
        } catch (error) {
          if (stopper.stopped) throw new ConsumerStoppingError(this.subscription.group);
          const cause = error instanceof BatchHandlerError ? error.cause : error;
          if (await waitOutOutage(cause, pool, stopper, log)) continue;
          if (error instanceof BatchHandlerError) this.failedInBatch.set(error.eventId, error.cause);
          log.debug(
            { err: error, orgId, events: events.length },
            'batch failed; applying its events one at a time',
          );
          return false;
        }
      }
    }
    return true;
  }

  private validate(record: InboundRecord): Checked {
    if (record.decodeError !== undefined)
      return { kind: 'invalid', reason: 'invalid-envelope', error: record.decodeError };
    const attributes = eventAttributesSchema.safeParse(record.envelope);
    if (!attributes.success)
      return { kind: 'invalid', reason: 'invalid-envelope', error: z.prettifyError(attributes.error) };
    const { type, dataschema } = attributes.data;
    const versions = this.versions.get(type);
    if (!versions) return { kind: 'ignored' };
    const version = versionOf(dataschema);
    const definition = versions.find((candidate) => candidate.version === version);
    if (!definition) {
      const known = versions.map((candidate) => `v${candidate.version}`).join(', ');
      const error = `${type} v${version}: this group handles ${known} only; add the version to its subscription`;
      return { kind: 'invalid', reason: 'invalid-payload', error };
    }
    const data = definition.schema.safeParse(record.envelope.data);
    if (!data.success) {
      const error = `${type} v${definition.version}: data does not match its contract:\n${z.prettifyError(data.error)}`;
      return { kind: 'invalid', reason: 'invalid-payload', error };
    }
    // zod's output is already a new object: the event is it with its data, not a third copy.
    return { kind: 'valid', event: Object.assign(attributes.data, { data: data.data }) as BusEvent };
  }

  private async applyTogether(
    orgId: string,
    events: readonly BusEvent[],
    advances: readonly AdvanceOffset[],
  ): Promise<void> {
    const { group, handleBatch, handler } = this.subscription;
    const log = this.deps.log.child({ orgId });
    const fresh = await forOrg(this.deps.db.app, orgId).transactionSettingOrg(
      async (tx, setOrg) => {
        // The new ids as one row: Prisma's cost grows with the rows returned, not with their width.
        const [inserted] = await tx.$queryRaw<{ ids: string | null }[]>`
          WITH org AS (SELECT ${setOrg}::uuid AS id), inserted AS (
            INSERT INTO bus.inbox (group_name, event_id, org_id)
            SELECT ${group}, e.id, org.id FROM org, unnest(${events.map((event) => event.id)}::uuid[]) AS e(id)
            ON CONFLICT DO NOTHING RETURNING event_id
          )
          SELECT string_agg(event_id::text, ' ') AS ids FROM inserted`;
        const ids = new Set(inserted?.ids?.split(' '));
        // Each new id once, though the batch may carry copies of an event (a relay that sent a batch
        // again, a producer's retry); PostgreSQL writes a uuid in lower case, a producer may not.
        const fresh = events.filter((event) => ids.delete(event.id.toLowerCase()));
        if (handleBatch)
          await handleBatch(fresh, { tx, log, idempotencyKey: (event) => `${group}:${event.id}` });
        else
          for (const event of fresh) {
            try {
              await handler(event, this.context(tx, event, 1));
            } catch (error) {
              throw new BatchHandlerError(event.id, error);
            }
          }
        await writeOffsets(tx, advances);
        return fresh;
      },
      { timeout: this.deps.handlerTimeoutMs },
    );
    for (const event of fresh) this.deps.metrics?.consumed.inc({ group, type: event.type });
  }

  private context(tx: OrgTransaction, event: BusEvent, attempt: number) {
    const group = this.subscription.group;
    const trace = childTrace(event.traceparent);
    const log = this.deps.log.child({
      eventId: event.id,
      type: event.type,
      orgId: event.orgid,
      traceId: trace.traceId,
    });
    return { tx, log, trace, idempotencyKey: `${group}:${event.id}`, attempt };
  }

  private async applyWithRetries(
    record: InboundRecord,
    event: BusEvent,
    firstAttempt: number,
  ): Promise<Outcome> {
    const { log, stopper, pool } = this.deps;
    const group = this.subscription.group;
    for (let attempt = firstAttempt; ; attempt++) {
      try {
        return await this.deps.limiter.run(() => this.apply(event, attempt));
      } catch (error) {
        if (stopper.stopped) throw new ConsumerStoppingError(group);
        // An unreachable database is not the handler's failure: wait for it, spend no attempt.
        if (await waitOutOutage(error, pool, stopper, log)) {
          attempt--;
          continue;
        }
        const outcome = await this.afterFailure(record, event, attempt, error);
        if (outcome) return outcome;
      }
    }
  }

  /** After failed `attempt`: the dead letter when it was the last, else the backoff before the next (undefined). */
  private async afterFailure(
    record: InboundRecord,
    event: BusEvent,
    attempt: number,
    error: unknown,
  ): Promise<Outcome | undefined> {
    const { retry, metrics, log, stopper } = this.deps;
    const group = this.subscription.group;
    if (attempt >= retry.attempts)
      return this.deadLetter(record, 'handler-failed', errorText(error), attempt);
    metrics?.retried.inc({ group, type: event.type });
    const delay = Math.min(retry.initialDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
    log.warn({ err: error, eventId: event.id, attempt, retryInMs: delay }, 'handler failed; retrying');
    await stopper.sleep(delay);
    if (stopper.stopped) throw new ConsumerStoppingError(group);
    return undefined;
  }

  private async apply(event: BusEvent, attempt: number): Promise<Outcome> {
    const group = this.subscription.group;
    const applied = await forOrg(this.deps.db.app, event.orgid).transactionSettingOrg(
      async (tx, setOrg) => {
        const fresh = await tx.$executeRaw`
          WITH org AS (SELECT ${setOrg}::uuid AS id)
          INSERT INTO bus.inbox (group_name, event_id, org_id) SELECT ${group}, ${event.id}::uuid, org.id FROM org
          ON CONFLICT DO NOTHING`;
        if (fresh === 0) return false;
        await this.subscription.handler(event, this.context(tx, event, attempt));
        return true;
      },
      { timeout: this.deps.handlerTimeoutMs },
    );
    if (!applied) return 'duplicate';
    this.deps.metrics?.consumed.inc({ group, type: event.type });
    return 'applied';
  }

  private async deadLetter(
    record: InboundRecord,
    reason: DeadLetterReason,
    error: string,
    attempts: number,
  ): Promise<Outcome> {
    const { pool, stopper, log } = this.deps;
    const group = this.subscription.group;
    for (;;) {
      try {
        await insertDeadLetter(pool, { group, record, reason, error, attempts });
        break;
      } catch (failure) {
        if (stopper.stopped) throw new ConsumerStoppingError(group);
        if (!(await waitOutOutage(failure, pool, stopper, log))) throw failure;
      }
    }
    const type = typeof record.envelope.type === 'string' ? record.envelope.type : 'unknown';
    this.deps.metrics?.deadLettered.inc({ group, type, reason });
    this.deps.log.error({ eventId: record.envelope.id, reason, attempts, error }, 'event dead-lettered');
    return 'dead-lettered';
  }
}

/** A handler failed inside a batch: its first attempt, for the event named. */
class BatchHandlerError extends Error {
  constructor(
    readonly eventId: string,
    cause: unknown,
  ) {
    super(`handler failed on event ${eventId} in a batch`, { cause });
  }
}

type Checked =
  | { readonly kind: 'valid'; readonly event: BusEvent }
  | { readonly kind: 'ignored' }
  | { readonly kind: 'invalid'; readonly reason: DeadLetterReason; readonly error: string };
