import { randomBytes } from 'node:crypto';
import { defineCatalog, defineEvent, eventCatalog } from '@suite/contracts';
import { z } from 'zod';

/**
 * Test event types under a producer name of their own (`t<hex>`), so Kafka topics and consumer groups
 * of one test never see another test's or an earlier run's messages.
 */
export function testEvents(producer = `t${randomBytes(4).toString('hex')}`) {
  const itemChanged = defineEvent({
    type: `${producer}.item.changed`,
    version: 1,
    topic: `${producer}.item`,
    key: 'itemId',
    description: 'Test: an item changed.',
    schema: z.object({ itemId: z.string().min(1), seq: z.number().int().nonnegative() }),
  });
  const catalog = defineCatalog(...eventCatalog.definitions, itemChanged);
  return {
    producer,
    itemChanged,
    catalog,
    topic: itemChanged.topic,
    group: (name: string) => `${producer}.${name}`,
  };
}

export type TestEvents = ReturnType<typeof testEvents>;
