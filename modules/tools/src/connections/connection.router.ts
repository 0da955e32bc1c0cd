import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { connectApiKey, verifyConnection } from './connect.service';
import {
  byConnectionId,
  byProvider,
  chooseVendorInput,
  connectApiKeyInput,
  connectionView,
  finishOAuthInput,
  startOAuthInput,
  startOAuthView,
  vendorChoiceView,
  verifyView,
  webhookSecretInput,
  webhookUrlView,
} from './connection.schema';
import { chooseVendor } from './connection.service';
import { listConnections, listVendorChoices } from './connection-list.service';
import { finishOAuth, startOAuth } from './oauth-connect.service';
import { disconnect, saveWebhookSecret } from './webhook-secret.service';

const read = staffProcedure.meta({ permission: 'tools.connections.read' });
const manage = staffProcedure.meta({ permission: 'tools.connections.manage' });

/** Settings → Integrations: vendors with their health, connect, Verify, disconnect, vendor per tool. */
export const connectionRouter = router({
  list: read.output(z.array(connectionView)).query(inTenant(listConnections)),
  connectApiKey: manage.input(connectApiKeyInput).output(verifyView).mutation(inTenant(connectApiKey)),
  startOAuth: manage.input(startOAuthInput).output(startOAuthView).mutation(inTenant(startOAuth)),
  finishOAuth: manage.input(finishOAuthInput).output(verifyView).mutation(inTenant(finishOAuth)),
  verify: manage.input(byConnectionId).output(verifyView).mutation(inTenant(verifyConnection)),
  saveWebhookSecret: manage
    .input(webhookSecretInput)
    .output(webhookUrlView)
    .mutation(inTenant(saveWebhookSecret)),
  disconnect: manage.input(byProvider).output(z.void()).mutation(inTenant(disconnect)),
  vendorChoices: read.output(z.array(vendorChoiceView)).query(inTenant(listVendorChoices)),
  chooseVendor: manage
    .input(chooseVendorInput)
    .output(z.void())
    .mutation(inTenant((tx, input) => chooseVendor(tx, input.tool, input.provider))),
});
