import type { Subscription } from '@suite/bus';
import type { TestEvents } from '@suite/bus/testing';

/** A subscription whose handler's effect is a row in bus_test.applied: tests count applications with it. */
export function recordingSubscription(
  events: TestEvents,
  name: string,
  handledBy: string,
  before?: (itemId: string) => Promise<void>,
): Subscription {
  return {
    group: events.group(name),
    types: [events.itemChanged],
    async handler(event, { tx }) {
      const { itemId, seq } = event.data as { itemId: string; seq: number };
      await before?.(itemId);
      await tx.$executeRaw`
        INSERT INTO bus_test.applied (event_id, item_id, seq, handled_by)
        VALUES (${event.id}::uuid, ${itemId}, ${seq}, ${handledBy})`;
    },
  };
}
