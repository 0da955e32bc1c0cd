import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src';

describe('bus settings', () => {
  it('selects Kafka from KAFKA_BROKERS and defaults to the PostgreSQL log', () => {
    expect(loadConfig({}).KAFKA_BROKERS).toBeUndefined();
    expect(loadConfig({ KAFKA_BROKERS: '10.0.0.1:9092, kafka-2:9093' }).KAFKA_BROKERS).toEqual([
      '10.0.0.1:9092',
      'kafka-2:9093',
    ]);
    expect(loadConfig({}).BUS_PARTITIONS).toBe(8);
  });

  it('names a wrong broker list or partition count', () => {
    expect(() => loadConfig({ KAFKA_BROKERS: 'kafka,kafka-2:9093' })).toThrow(
      'KAFKA_BROKERS="kafka,kafka-2:9093": expected host:port entries, got kafka',
    );
    expect(() => loadConfig({ BUS_PARTITIONS: '0' })).toThrow('BUS_PARTITIONS="0": expected 1-256');
  });
});
