import type { EventDefinition } from '@suite/contracts';
import { type Database, forOrg } from '@suite/db';
import type pg from 'pg';
import type { Logger } from 'pino';
import { z } from 'zod';
import { eventAttributesSchema, versionOf } from '../envelope/cloud-event';
import { childTrace } from '../envelope/traceparent';
import type { BusMetrics } from '../metrics/bus.metrics';
import type { InboundRecord } from '../transport/transport';
import { type DeadLetterReason, insertDeadLetter } from './dead-letter.repository';
import type { Limiter } from './limiter';
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
  readonly isStopping: () => boolean;
  /** A sleep that ends early when the consumer stops. */
  readonly sleep: (ms: number) => Promise<void>;
}

const errorText = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/** Validates one record, applies it with its inbox row in one tenant transaction, retries, dead-letters. */
export class EventProcessor {
  private readonly versions = new Map<string, EventDefinition[]>();

  constructor(
    private readonly subscription: Subscription,
    private readonly deps: ProcessorDeps,
  ) {
    for (const definition of subscription.types) {
      this.versions.set(definition.type, [...(this.versions.get(definition.type) ?? []), definition]);
    }
  }

  get topics(): string[] {
    return [...new Set(this.subscription.types.map((definition) => definition.topic))];
  }

  async process(record: InboundRecord): Promise<Outcome> {
    if (record.decodeError !== undefined)
      return this.deadLetter(record, 'invalid-envelope', record.decodeError, 0);
    const attributes = eventAttributesSchema.safeParse(record.envelope);
    if (!attributes.success)
      return this.deadLetter(record, 'invalid-envelope', z.prettifyError(attributes.error), 0);
    const { type, dataschema } = attributes.data;
    const versions = this.versions.get(type);
    if (!versions) return 'ignored';
    const version = versionOf(dataschema);
    const definition = versions.find((candidate) => candidate.version === version);
    if (!definition) {
      const known = versions.map((candidate) => `v${candidate.version}`).join(', ');
      return this.deadLetter(
        record,
        'invalid-payload',
        `${type} v${version}: this group handles ${known} only; add the version to its subscription`,
        0,
      );
    }
    const data = definition.schema.safeParse(record.envelope.data);
    if (!data.success) {
      const message = `${type} v${definition.version}: data does not match its contract:\n${z.prettifyError(data.error)}`;
      return this.deadLetter(record, 'invalid-payload', message, 0);
    }
    return this.applyWithRetries(record, { ...attributes.data, data: data.data } as BusEvent);
  }

  private async applyWithRetries(record: InboundRecord, event: BusEvent): Promise<Outcome> {
    const { retry, metrics, log, isStopping } = this.deps;
    const group = this.subscription.group;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.deps.limiter.run(() => this.apply(event, attempt));
      } catch (error) {
        if (isStopping()) throw new ConsumerStoppingError(group);
        if (attempt >= retry.attempts)
          return this.deadLetter(record, 'handler-failed', errorText(error), attempt);
        metrics?.retried.inc({ group, type: event.type });
        const delay = Math.min(retry.initialDelayMs * 2 ** (attempt - 1), retry.maxDelayMs);
        log.warn({ err: error, eventId: event.id, attempt, retryInMs: delay }, 'handler failed; retrying');
        await this.deps.sleep(delay);
        if (isStopping()) throw new ConsumerStoppingError(group);
      }
    }
  }

  private async apply(event: BusEvent, attempt: number): Promise<Outcome> {
    const group = this.subscription.group;
    const trace = childTrace(event.traceparent);
    const log = this.deps.log.child({
      eventId: event.id,
      type: event.type,
      orgId: event.orgid,
      traceId: trace.traceId,
    });
    const applied = await forOrg(this.deps.db.app, event.orgid).transaction(
      async (tx) => {
        const fresh = await tx.$executeRaw`
          INSERT INTO bus.inbox (group_name, event_id) VALUES (${group}, ${event.id}::uuid) ON CONFLICT DO NOTHING`;
        if (fresh === 0) return false;
        await this.subscription.handler(event, {
          tx,
          log,
          trace,
          idempotencyKey: `${group}:${event.id}`,
          attempt,
        });
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
    const group = this.subscription.group;
    await insertDeadLetter(this.deps.pool, { group, record, reason, error, attempts });
    const type = typeof record.envelope.type === 'string' ? record.envelope.type : 'unknown';
    this.deps.metrics?.deadLettered.inc({ group, type, reason });
    this.deps.log.error({ eventId: record.envelope.id, reason, attempts, error }, 'event dead-lettered');
    return 'dead-lettered';
  }
}
