import { toolErrorCode } from '@suite/contracts';
import { z } from 'zod';

const e164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'expected a phone number in E.164 form, e.g. +14155550100');
const email = z.email('expected an email address');
const money = z.number().int('expected the amount in the smallest unit (cents)').positive();
const currency = z.string().regex(/^[a-z]{3}$/, 'expected a lower-case ISO 4217 code, e.g. usd');
const paymentReference = z
  .string()
  .min(1)
  .max(200)
  .describe("Handed back on the vendor's payment webhook (`books-invoice:<id>` pays that invoice).");

interface RateLimitDefault {
  readonly limit: number;
  readonly windowSeconds: number;
}

/**
 * The tools the AI and workflows call, by stable name. Inputs and outputs are vendor-neutral: a result
 * never says which vendor ran it beyond `provider`, and never carries a credential.
 */
export const TOOL_CATALOG = {
  send_sms: {
    vendorKind: 'SMS',
    input: z.object({ to: e164, body: z.string().min(1).max(1600) }),
    output: z.object({ message_id: z.string(), status: z.string() }),
    rateLimit: { limit: 60, windowSeconds: 60 },
  },
  send_email: {
    vendorKind: 'email',
    input: z.object({
      to: email,
      subject: z.string().min(1).max(998),
      text: z.string().min(1),
      from: email.optional(),
    }),
    output: z.object({ message_id: z.string() }),
    rateLimit: { limit: 120, windowSeconds: 60 },
  },
  charge_card: {
    vendorKind: 'payment',
    input: z.object({
      amount: money,
      currency,
      payment_method: z.string().min(1).describe('The stored payment method or card source token.'),
      description: z.string().max(500).optional(),
      reference: paymentReference.optional(),
    }),
    output: z.object({ charge_id: z.string(), status: z.string() }),
    rateLimit: { limit: 30, windowSeconds: 60 },
  },
  create_checkout: {
    vendorKind: 'payment',
    input: z.object({
      amount: money,
      currency,
      description: z.string().min(1).max(500).describe('What the payer sees they pay for.'),
      reference: paymentReference,
      success_url: z.url().describe("Where the vendor's payment page sends the payer once paid."),
      cancel_url: z.url().describe('Where it sends the payer who turns back.'),
      customer_email: email.optional(),
    }),
    output: z.object({
      checkout_id: z.string(),
      url: z.url().describe("The vendor's hosted payment page: send the payer there."),
      status: z.string(),
    }),
    rateLimit: { limit: 60, windowSeconds: 60 },
  },
  post_to_social: {
    vendorKind: 'social',
    input: z.object({ text: z.string().min(1).max(5000), media_url: z.url().optional() }),
    output: z.object({ post_id: z.string(), url: z.string().optional() }),
    rateLimit: { limit: 10, windowSeconds: 60 },
  },
  send_contract: {
    vendorKind: 'e-signature',
    input: z
      .object({
        signer_email: email,
        signer_name: z.string().min(1),
        title: z.string().min(1),
        document_url: z.url().optional().describe('Where the vendor fetches the PDF to sign.'),
        document_pdf_base64: z
          .base64('expected the PDF as base64')
          .max(8_000_000, 'a PDF sent inline has at most 6 MB; give document_url instead')
          .optional()
          .describe('The PDF itself, when the vendor cannot reach it by URL (an addendum the suite made).'),
        reference: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe("Handed back on the vendor's signed webhook (`crm-esign:<id>` completes that request)."),
      })
      .refine((input) => (input.document_url === undefined) !== (input.document_pdf_base64 === undefined), {
        message: 'give exactly one of document_url and document_pdf_base64',
        path: ['document_url'],
      }),
    output: z.object({ envelope_id: z.string(), status: z.string() }),
    rateLimit: { limit: 20, windowSeconds: 60 },
  },
  place_call: {
    vendorKind: 'voice',
    input: z.object({
      to: e164.describe('The number to call (the contact).'),
      staff_phone: e164.describe('The staff phone rung first; the vendor then bridges it to `to`.'),
      record: z.boolean().default(false),
      status_callback_url: z.url().optional().describe("Where the vendor posts the call's status callbacks."),
    }),
    output: z.object({ call_id: z.string(), status: z.string(), from: z.string() }),
    rateLimit: { limit: 30, windowSeconds: 60 },
  },
  delete_recording: {
    vendorKind: 'voice',
    input: z.object({ recording_id: z.string().min(1).max(200) }),
    output: z.object({
      deleted: z
        .boolean()
        .describe('False when the vendor no longer had it (deleted before): nothing left to do.'),
    }),
    rateLimit: { limit: 300, windowSeconds: 60 },
  },
  geocode_address: {
    vendorKind: 'maps',
    input: z.object({ address: z.string().min(3) }),
    output: z.object({ lat: z.number(), lng: z.number(), formatted_address: z.string() }),
    rateLimit: { limit: 300, windowSeconds: 60 },
  },
} as const;

/**
 * What a vendor streams rather than answers as JSON (served by src/media/, never by `run`): its
 * connection is chosen, rate limited and its credential audited like a tool's.
 */
export const MEDIA_CATALOG = {
  recording_media: {
    vendorKind: 'voice',
    input: z.object({ recording_id: z.string().min(1).max(200) }),
    rateLimit: { limit: 300, windowSeconds: 60 },
  },
  signed_contract: {
    vendorKind: 'e-signature',
    /** From the vendor the org sends contracts with, whose envelope it is. */
    choiceOf: 'send_contract',
    input: z.object({ envelope_id: z.string().min(1).max(200) }),
    rateLimit: { limit: 60, windowSeconds: 60 },
  },
} as const;

export type ToolName = keyof typeof TOOL_CATALOG;
export const TOOL_NAMES = Object.keys(TOOL_CATALOG) as ToolName[];
export type ToolInput<T extends ToolName> = z.infer<(typeof TOOL_CATALOG)[T]['input']>;
export type ToolOutput<T extends ToolName> = z.infer<(typeof TOOL_CATALOG)[T]['output']>;
export const toolName = z.enum(TOOL_NAMES as [ToolName, ...ToolName[]]);

export type MediaName = keyof typeof MEDIA_CATALOG;
export type MediaInput<T extends MediaName> = z.infer<(typeof MEDIA_CATALOG)[T]['input']> &
  (T extends 'recording_media' ? { readonly range?: string | undefined } : unknown);
/** What an org connects a vendor for, chooses a vendor for and rate limits: a tool or a vendor's media. */
export type CapabilityName = ToolName | MediaName;
export const CAPABILITIES: Readonly<
  Record<CapabilityName, { readonly vendorKind: string; readonly rateLimit: RateLimitDefault }>
> = { ...TOOL_CATALOG, ...MEDIA_CATALOG };
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as CapabilityName[];
export const capabilityName = z.enum(CAPABILITY_NAMES as [CapabilityName, ...CapabilityName[]]);

export const toolError = z.object({
  // `paused` is not an end: a paused run's requester hears its end later, with one of the others.
  code: z.enum([...toolErrorCode.options, 'paused']),
  message: z.string(),
  field: z.string().optional(),
  retry_after_seconds: z.number().int().optional(),
});

/** What every tool call answers: the seed's `{ success: true, charge_id: "ch_…" }`, or a named failure. */
export type ToolResult<T extends ToolName = ToolName> =
  | ({ success: true; provider: string } & ToolOutput<T>)
  | { success: false; provider?: string; error: z.infer<typeof toolError> };
