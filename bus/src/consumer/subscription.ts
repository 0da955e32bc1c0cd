import type { EventData, EventDefinition } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { Logger } from 'pino';
import type { EventEnvelope } from '../envelope/cloud-event';
import type { Trace } from '../envelope/traceparent';

/** A validated event as a handler sees it; a union over the subscribed types, so `switch (event.type)` narrows. */
export type BusEvent<D extends EventDefinition = EventDefinition> =
  D extends EventDefinition<infer T> ? EventEnvelope<EventData<D>> & { readonly type: T } : never;

export interface HandlerContext {
  /** Tenant-scoped to the event's org; the inbox row commits in it with the handler's effects. */
  readonly tx: OrgTransaction;
  readonly log: Logger;
  /** A span in the publisher's trace; pass `traceparent` on to calls and events this handler makes. */
  readonly trace: Trace;
  /** For outside effects (email, payment): the same on every redelivery of this event to this group. */
  readonly idempotencyKey: string;
  /** 1 on the first delivery attempt. */
  readonly attempt: number;
}

/** What `handleBatch` gets: one tenant transaction for all the events it is given. */
export interface BatchContext {
  /** Tenant-scoped to the events' org; their inbox rows commit in it with the handler's effects. */
  readonly tx: OrgTransaction;
  readonly log: Logger;
  /** For outside effects: the same on every redelivery of this event to this group. */
  idempotencyKey(event: { readonly id: string }): string;
}

export interface RetryPolicy {
  /** Handler attempts before the event is dead-lettered. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** `subscribe({ group, types, handler })`: a consumer group applying events of some catalog types. */
export interface Subscription<D extends EventDefinition = EventDefinition> {
  /** Consumer group name (dotted lower case, e.g. `psa.deal-won`); instances of a group share the work. */
  readonly group: string;
  /** Event definitions from the catalog; the handler receives events of these types and versions. */
  readonly types: readonly D[];
  handler(event: BusEvent<D>, ctx: HandlerContext): Promise<void>;
  /**
   * Optional, for handlers whose effects can be written set-wise: applies events of one org (each key's
   * in order; a call may hold the batches of several partitions) in one transaction. Must have the same
   * effect as `handler` on each event in turn: when it throws, the events are applied one at a time by
   * `handler`, with retries and dead letters per event.
   */
  handleBatch?(events: readonly BusEvent<D>[], ctx: BatchContext): Promise<void>;
  readonly retry?: Partial<RetryPolicy>;
}

export function defineSubscription<const D extends EventDefinition>(
  subscription: Subscription<D>,
): Subscription<D> {
  const group = subscription.group;
  if (!/^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/.test(group))
    throw new Error(`subscription group "${group}" must be dotted lower case, e.g. psa.deal-won`);
  if (subscription.types.length === 0) throw new Error(`subscription ${group}: give at least one event type`);
  return subscription;
}
