import type pg from 'pg';
import type { Logger } from 'pino';
import type { BusTuning } from '../bus-options';
import type { PgListener } from '../pg/pg-listener';
import { KafkaTransport } from './kafka.transport';
import { PostgresLogTransport } from './postgres-log.transport';
import type { Transport } from './transport';

export interface TransportChoice {
  /** Kafka when given, otherwise the PostgreSQL log. */
  readonly kafkaBrokers?: readonly string[];
  /** Partitions of topics created from now on. */
  readonly partitions: number;
}

export function createTransport(
  choice: TransportChoice,
  deps: { pool: pg.Pool; listener: PgListener; log: Logger; tuning: BusTuning },
): Transport {
  const { partitions, kafkaBrokers } = choice;
  const { pool, listener, log, tuning } = deps;
  return kafkaBrokers?.length
    ? new KafkaTransport({ brokers: kafkaBrokers, log, partitions, tuning: tuning.kafka })
    : new PostgresLogTransport({ pool, listener, log, partitions, tuning: tuning.log });
}
