import {
  type EventCatalog,
  type EventData,
  type EventDefinition,
  eventCatalog,
  eventKey,
} from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { uuidv7 } from 'uuidv7';
import { CONTENT_TYPE, dataSchemaUri, type EventEnvelope, SPEC_VERSION } from '../envelope/cloud-event';
import { childTrace } from '../envelope/traceparent';
import { InvalidEventDataError, PublishOutsideTenantError, UnknownEventTypeError } from './publish.errors';

/** Advisory lock class of per-key publish locks (the second key is a hash of topic and aggregate id). */
export const PUBLISH_LOCK_CLASS = 0x62757301;

export type PublishInput<D extends EventDefinition> =
  D extends EventDefinition<infer T>
    ? {
        readonly type: T;
        readonly data: EventData<D>;
        /** Defaults to the latest version in the catalog. */
        readonly version?: number;
        /** W3C trace context of the request that caused the event; a new trace when absent. */
        readonly traceparent?: string;
      }
    : never;

export type PublishFn<D extends EventDefinition> = (
  tx: OrgTransaction,
  event: PublishInput<D>,
) => Promise<EventEnvelope<EventData<D>>>;

/**
 * `publish(tx, event)` for a catalog: validates the event against its contract and writes it to the
 * outbox inside the caller's tenant transaction, so it commits (or not) with the state change.
 */
export function createPublisher<D extends EventDefinition>(catalog: EventCatalog<D>): PublishFn<D> {
  return async (tx, event) => {
    const definition = catalog.find(event.type, event.version);
    if (!definition) throw new UnknownEventTypeError(event.type, event.version);
    const parsed = definition.schema.safeParse(event.data);
    if (!parsed.success)
      throw new InvalidEventDataError(definition.type, definition.version, parsed.error.issues);
    const key = eventKey(definition, parsed.data);
    const attributes = {
      specversion: SPEC_VERSION,
      id: uuidv7(),
      source: `/onestack/${definition.topic.split('.')[0]}`,
      type: definition.type,
      subject: key,
      time: new Date().toISOString(),
      datacontenttype: CONTENT_TYPE,
      dataschema: dataSchemaUri(definition.type, definition.version),
      traceparent: childTrace(event.traceparent).traceparent,
      partitionkey: key,
    };
    // One statement: take the per-key lock (publishers of one key commit in outbox order, so the
    // relay's seq order is commit order per key), insert with the transaction's org. The relay polls.
    const rows = await tx.$queryRaw<{ org_id: string }[]>`
      WITH org AS (SELECT NULLIF(current_setting('app.org_id', true), '')::uuid AS id),
      key_lock AS (
        SELECT pg_advisory_xact_lock(${PUBLISH_LOCK_CLASS}::int, hashtext(${definition.topic}::text || ' ' || ${key}::text))
        FROM org WHERE org.id IS NOT NULL
      ),
      inserted AS (
        INSERT INTO bus.outbox (id, org_id, aggregatetype, aggregateid, type, payload, attributes)
        SELECT ${attributes.id}::uuid, org.id, ${definition.topic}::text, ${key}::text, ${definition.type}::text,
               ${JSON.stringify(parsed.data)}::jsonb,
               ${JSON.stringify(attributes)}::jsonb || jsonb_build_object('orgid', org.id)
        FROM org, key_lock
        RETURNING org_id
      )
      SELECT org_id::text FROM inserted`;
    const orgId = rows[0]?.org_id;
    if (!orgId) throw new PublishOutsideTenantError(definition.type);
    return { ...attributes, orgid: orgId, data: parsed.data } as EventEnvelope<EventData<D>>;
  };
}

/** Publishes an event of the suite's catalog (contracts/src/events) through the outbox. */
export const publish: PublishFn<(typeof eventCatalog.definitions)[number]> = createPublisher(eventCatalog);
