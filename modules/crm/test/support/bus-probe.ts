import { type Bus, type BusEvent, createBus, defineSubscription, type EventEnvelope } from '@suite/bus';
import { startGroupsAtEnd, TEST_TUNING } from '@suite/bus/testing';
import { crmCompanyContactChanged, crmCompanyPromoted, crmDealWon } from '@suite/contracts';
import { createLogger } from '@suite/suite';
import pg from 'pg';
import { inject } from 'vitest';
import type { CrmSuite, TransportName } from './crm-suite';

const CRM_EVENTS = [crmCompanyPromoted, crmCompanyContactChanged, crmDealWon];
export type CrmEvent = BusEvent<(typeof CRM_EVENTS)[number]>;

/**
 * PSA's ear and hand on the real bus: a consumer group that records every CRM event it receives, and
 * redelivery of an envelope exactly as the transport delivered it (at-least-once delivery).
 */
export interface BusProbe {
  readonly received: CrmEvent[];
  redeliver(topic: string, envelope: EventEnvelope): Promise<void>;
  close(): Promise<void>;
}

export async function startBusProbe(
  sut: CrmSuite,
  transport: TransportName,
  suffix: string,
): Promise<BusProbe> {
  const brokers = transport === 'kafka' ? inject('kafkaBrokers').split(',') : undefined;
  const group = `crm-test.probe.${suffix}`;
  if (brokers) await startGroupsAtEnd(brokers, [{ group, topics: ['crm.company', 'crm.deal'] }], 4);
  const bus: Bus = createBus({
    db: sut.database.db,
    databaseUrl: sut.database.url,
    kafkaBrokers: brokers,
    partitions: 4,
    log: createLogger('silent'),
    tuning: TEST_TUNING,
  });
  const received: CrmEvent[] = [];
  await bus.subscribe(
    defineSubscription({
      group,
      types: CRM_EVENTS,
      async handler(event) {
        received.push(event);
      },
    }),
  );
  return {
    received,
    async redeliver(topic, envelope) {
      // The PostgreSQL log appends inside the relay's transaction; Kafka ignores it.
      const client = new pg.Client({ connectionString: sut.database.url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await bus.transport.publish([{ topic, envelope }], client);
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
    },
    close: () => bus.close(),
  };
}
