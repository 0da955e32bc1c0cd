import { partitionFor } from '@suite/bus';
import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';

describe('partitionFor', () => {
  it('puts a key in the same partition as Kafka’s default partitioner (murmur2, as the Java client)', () => {
    const kafkaDefault = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 12 }, (_, partitionId) => ({
      partitionId,
      leader: 1,
      partitionErrorCode: 0,
      replicas: [1],
      isr: [1],
    }));
    for (let i = 0; i < 500; i++) {
      const key = `aggregate-${i}-${'x'.repeat(i % 7)}`;
      const expected = kafkaDefault({ topic: 't', partitionMetadata, message: { key, value: null } });
      expect(partitionFor(key, 12), key).toBe(expected);
    }
  });
});
