import { eventCatalog } from '@suite/contracts';
import pg from 'pg';
import type { Bus } from '../bus';
import type { EventEnvelope } from '../envelope/cloud-event';

/**
 * `redeliver(envelope)`: the transport delivers an envelope again exactly as it did the first time
 * (same id, same data), as at-least-once delivery may. A consumer's inbox must make it a no-op.
 */
export function redelivery(bus: Pick<Bus, 'transport'>, databaseUrl: string) {
  return async function redeliver(envelope: EventEnvelope): Promise<void> {
    const definition = eventCatalog.find(envelope.type);
    if (!definition) throw new Error(`redeliver: ${envelope.type} is not an event of the catalog`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // The PostgreSQL log appends inside the caller's transaction; Kafka ignores it.
      await client.query('BEGIN');
      await bus.transport.publish(
        [{ topic: definition.topic, key: envelope.partitionkey, event: JSON.stringify(envelope) }],
        client,
      );
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  };
}
