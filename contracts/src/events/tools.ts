import { z } from 'zod';
import { defineEvent } from './event-definition';
import { currency, entityId, money, text, timestamp } from './shared-scalars';

// The shared tool layer: a connection's health changes, work other modules hand it to run later, and
// what vendors tell us through verified inbound webhooks, normalised so no module reads a vendor body.

const health = z.enum(['connected', 'warning', 'error', 'not_connected']);

export const toolsConnectionHealthChanged = defineEvent({
  type: 'tools.connection.health_changed',
  version: 1,
  topic: 'tools.connection',
  key: 'connectionId',
  description:
    "A vendor connection's health changed (Connected, Warning, Error); entering Error pauses the runs that need it.",
  schema: z.object({
    connectionId: entityId,
    provider: z.string().min(1).describe('The vendor, e.g. `twilio`.'),
    health,
    previousHealth: health,
    reason: z.string().nullable().describe('A safe one-line reason; never a credential or a vendor body.'),
    changedAt: timestamp,
  }),
});

export const toolsRunRequested = defineEvent({
  type: 'tools.run.requested',
  version: 1,
  topic: 'tools.run',
  key: 'requestId',
  description:
    'Run a tool for the org in the background (a workflow step). The event id is the idempotency key; a run whose connection is in Error is paused, not lost.',
  schema: z.object({
    requestId: z.string().min(1).describe("The requester's id for this step, e.g. `workflow-run-12:step-3`."),
    tool: z.string().min(1).describe('A tool name: send_sms, send_email, charge_card, …'),
    input: z.record(z.string(), z.unknown()).describe("The tool's input, as its schema describes it."),
    requestedBy: z.string().min(1).describe('What asked for it (`workflow:<id>`, `crm`).'),
  }),
});

/**
 * Why a tool call failed, for a program: the tool layer's one vocabulary, which tool results
 * (`error.code`) and `tools.run.completed` (`errorCode`) both use.
 */
export const toolErrorCode = z.enum(['auth_failed', 'vendor_rejected', 'vendor_unavailable', 'rate_limited']);

export const toolsRunCompleted = defineEvent({
  type: 'tools.run.completed',
  version: 1,
  topic: 'tools.run',
  key: 'requestId',
  description:
    'A run asked for with `tools.run.requested` is done: its result, or why it failed. Once per request: a run parked while its connection is in Error publishes it when it is resumed and ends, as a run never parked does, or when staff cancel it (`error`: `cancelled by <who>`, `errorCode`: `cancelled`).',
  schema: z.object({
    requestId: z.string().min(1).describe('The requester’s id from `tools.run.requested`.'),
    tool: z.string().min(1),
    requestedBy: z.string().min(1),
    provider: z
      .string()
      .nullable()
      .describe('The vendor that ran it, e.g. `dropbox-sign`; null when none could.'),
    result: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("The tool's output when it succeeded (`send_contract`: `envelope_id`, `status`), else null."),
    error: z
      .string()
      .nullable()
      .describe(
        'Why it failed, in the vendor’s words, or `cancelled by <who>` for a paused run cancelled by staff; null when it succeeded.',
      ),
    // Optional, as a field added within a version must be: events published before it have none.
    errorCode: z
      .enum([...toolErrorCode.options, 'cancelled'])
      .nullish()
      .describe(
        'Why it failed, for a program: `vendor_rejected` (the vendor refused this input: fix it, a retry gets the same answer), `vendor_unavailable` (an outage: retry later), `auth_failed`, `rate_limited` (the tool error codes), or `cancelled` (a paused run cancelled by staff); null when it succeeded; absent in events published before the field existed.',
      ),
  }),
});

// Inbound vendor webhooks, verified and stored by the tool layer, then published in these shapes.
const inbound = {
  connectionId: entityId.describe('The connection whose webhook delivered it.'),
  provider: z.string().min(1).describe('The vendor, e.g. `stripe`.'),
};
const vendorId = text(200, { min: 1 });
const phoneNumber = text(50, { min: 1 }).describe('As the vendor sent it, normally E.164 (`+14155550100`).');

export const toolsPaymentSucceeded = defineEvent({
  type: 'tools.payment.succeeded',
  version: 1,
  topic: 'tools.payment',
  key: 'paymentId',
  description:
    'A payment vendor reports a successful charge (Stripe `payment_intent.succeeded`, Square payment completed).',
  schema: z.object({
    ...inbound,
    paymentId: vendorId.describe("The vendor's payment id, e.g. `pi_…`."),
    amount: money,
    currency,
    reference: text(200)
      .nullable()
      .describe(
        'The reference the suite attached when it asked for the payment (e.g. `books-invoice:<id>`), if any.',
      ),
    paidAt: timestamp,
  }),
});

export const toolsContractSigned = defineEvent({
  type: 'tools.contract.signed',
  version: 1,
  topic: 'tools.contract',
  key: 'envelopeId',
  description:
    'An e-signature vendor reports every signer has signed (Dropbox Sign `signature_request_all_signed`, DocuSign `envelope-completed`).',
  schema: z.object({
    ...inbound,
    envelopeId: vendorId.describe("The vendor's signature request or envelope id."),
    reference: text(200)
      .nullable()
      .describe('The reference the suite attached when it sent the contract, if any.'),
    signedAt: timestamp,
  }),
});

export const toolsSmsReceived = defineEvent({
  type: 'tools.sms.received',
  version: 1,
  topic: 'tools.sms',
  key: 'messageId',
  description: "An inbound SMS reached one of the org's numbers.",
  schema: z.object({
    ...inbound,
    messageId: vendorId.describe("The vendor's message id, e.g. Twilio's `MessageSid`."),
    from: phoneNumber,
    to: phoneNumber,
    body: text(1600),
    receivedAt: timestamp,
  }),
});

const callStatus = z.enum([
  'initiated',
  'ringing',
  'answered',
  'completed',
  'busy',
  'no_answer',
  'failed',
  'canceled',
]);

export const toolsCallStatusChanged = defineEvent({
  type: 'tools.call.status_changed',
  version: 1,
  topic: 'tools.call',
  key: 'callId',
  description:
    "A telephony vendor's status callback for a call (Twilio `StatusCallback`). Callbacks arrive duplicated, late and out of order; consumers keep calls forward-only.",
  schema: z.object({
    ...inbound,
    callId: vendorId.describe("The vendor's call id, e.g. Twilio's `CallSid`."),
    status: callStatus.describe('Twilio `in-progress` is `answered`, `no-answer` is `no_answer`.'),
    direction: z.enum(['inbound', 'outbound']),
    from: phoneNumber,
    to: phoneNumber,
    durationSeconds: z.number().int().min(0).nullable().describe('Set once the call ended.'),
    sequenceNumber: z
      .number()
      .int()
      .min(0)
      .nullable()
      .describe("The vendor's callback sequence number, when it sends one."),
    occurredAt: timestamp,
  }),
});

export const toolsCallRecordingCompleted = defineEvent({
  type: 'tools.call.recording_completed',
  version: 1,
  topic: 'tools.call',
  key: 'callId',
  description:
    "A telephony vendor's recording status callback. The media stays at the vendor; the suite serves it through its own permission-checked URL.",
  schema: z.object({
    ...inbound,
    callId: vendorId,
    recordingId: vendorId.describe("The vendor's recording id, e.g. Twilio's `RecordingSid`."),
    status: z.enum(['completed', 'failed', 'absent']),
    durationSeconds: z.number().int().min(0).nullable(),
    occurredAt: timestamp,
  }),
});

const emailStatus = z.enum([
  'sent',
  'delivered',
  'delivery_delayed',
  'bounced',
  'complained',
  'failed',
  'suppressed',
]);

export const toolsEmailStatusChanged = defineEvent({
  type: 'tools.email.status_changed',
  version: 1,
  topic: 'tools.email',
  key: 'messageId',
  description:
    "An email vendor's delivery status for an email the org sent through `send_email` (Resend `email.delivered`, `email.bounced`, `email.complained`, …). Opens and clicks are not delivery status and are not published.",
  schema: z.object({
    ...inbound,
    messageId: vendorId.describe("The vendor's email id, as `send_email` returned it (`message_id`)."),
    status: emailStatus.describe('Resend `email.delivery_delayed` is `delivery_delayed`, and so on.'),
    recipients: z
      .array(text(320, { min: 1 }))
      .max(50)
      .describe('The addresses the email was sent to.'),
    permanent: z
      .boolean()
      .nullable()
      .describe('For a bounce: true when the address will not accept mail (a hard bounce); null otherwise.'),
    reason: text(1000).nullable().describe("The vendor's reason for a bounce, failure or suppression."),
    subject: text(998)
      .nullish()
      .describe(
        'The subject the org sent the email with through `send_email`, as the tool layer recorded it; null when the tool layer has no record of the send (an email sent outside the suite, or more than 30 days before the status); absent in events published before the field existed.',
      ),
    occurredAt: timestamp,
  }),
});

export const toolsEvents = [
  toolsConnectionHealthChanged,
  toolsRunRequested,
  toolsRunCompleted,
  toolsPaymentSucceeded,
  toolsContractSigned,
  toolsSmsReceived,
  toolsCallStatusChanged,
  toolsCallRecordingCompleted,
  toolsEmailStatusChanged,
] as const;
