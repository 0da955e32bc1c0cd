import { defineSubscription } from '@suite/bus';
import { eventCatalog } from '@suite/contracts';
import { enqueueEvent } from '../webhook-endpoints/endpoint.service';

/** Every catalog event an org's endpoints picked is queued for them; the dispatcher delivers it. */
export const outboundWebhookSubscription = defineSubscription({
  group: 'tools.outbound-webhooks',
  types: eventCatalog.definitions,
  async handler(event, { tx }) {
    await enqueueEvent(tx, event);
  },
});
