import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import {
  attemptView,
  byEndpoint,
  endpointCreateInput,
  endpointSecretView,
  endpointUpdateInput,
  endpointView,
  eventTypeView,
  testSentView,
} from './endpoint.schema';
import {
  createEndpoint,
  deleteEndpoint,
  listAttempts,
  listEndpoints,
  listEventTypes,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointEnabled,
  updateEndpoint,
} from './endpoint.service';

const read = staffProcedure.meta({ permission: 'tools.connections.read' });
const manage = staffProcedure.meta({ permission: 'tools.connections.manage' });

/** Settings → Webhook endpoints: the same services as `suite webhooks …`. Secrets only on create/rotate. */
export const endpointRouter = router({
  list: read.output(z.array(endpointView)).query(inTenant(listEndpoints)),
  eventTypes: read.output(z.array(eventTypeView)).query(() => listEventTypes()),
  // The services' third parameter is the address policy (or the clock), not the caller: pass none.
  create: manage
    .input(endpointCreateInput)
    .output(endpointSecretView)
    .mutation(inTenant((tx, input) => createEndpoint(tx, input))),
  update: manage
    .input(endpointUpdateInput)
    .output(endpointView)
    .mutation(inTenant((tx, input) => updateEndpoint(tx, input))),
  disable: manage
    .input(byEndpoint)
    .output(endpointView)
    .mutation(inTenant((tx, input) => setEndpointEnabled(tx, { ...input, enabled: false }))),
  enable: manage
    .input(byEndpoint)
    .output(endpointView)
    .mutation(inTenant((tx, input) => setEndpointEnabled(tx, { ...input, enabled: true }))),
  rotateSecret: manage
    .input(byEndpoint)
    .output(endpointSecretView)
    .mutation(inTenant((tx, input) => rotateEndpointSecret(tx, input))),
  delete: manage.input(byEndpoint).output(z.void()).mutation(inTenant(deleteEndpoint)),
  test: manage
    .input(byEndpoint)
    .output(testSentView)
    .mutation(inTenant((tx, input) => sendTestEvent(tx, input))),
  deliveries: read.input(byEndpoint).output(z.array(attemptView)).query(inTenant(listAttempts)),
});
