import { defineSubscription } from '@suite/bus';
import { toolsEmailStatusChanged } from '@suite/contracts';
import { applyEmailStatus } from '../email/email-status.service';

/** Delivery status of an email sent through the tool layer: on the contact's timeline, bounces flagged. */
export const emailStatusSubscription = defineSubscription({
  group: 'crm.tools-sync.email-status',
  types: [toolsEmailStatusChanged],
  handler: (event, { tx }) => applyEmailStatus(tx, event.data),
});
