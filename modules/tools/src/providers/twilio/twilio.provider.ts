import twilio from 'twilio';
import { z } from 'zod';
import { defineProvider, type VendorCall } from '../provider-definition';
import { VendorError, vendorText } from '../vendor-error';
import { twilioRecordingMedia } from './twilio-recording-media';

const credential = z.object({
  accountSid: z
    .string()
    .regex(/^AC[0-9a-f]{32}$/, 'expected the Account SID: AC followed by 32 hex characters'),
  authToken: z.string().regex(/^[0-9A-Za-z]{32}$/, 'expected the 32-character Auth Token'),
});
const settings = z.object({
  from: z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected the sending number in E.164 form, e.g. +14155550100'),
  apiBaseUrl: z.url().default('https://api.twilio.com'),
});
type Call = VendorCall<z.infer<typeof credential>, z.infer<typeof settings>>;

interface TwilioRestError {
  status?: number;
  code?: number;
  message?: string;
  moreInfo?: string;
}

/**
 * The SDK's HTTP transport (an axios instance and a keep-alive agent), shared by every call: it holds no
 * credential (the SDK hands the account's to each request), and a fresh one per call cost a new agent,
 * so a new TLS handshake with Twilio, every time (decision 0094).
 */
const transport = new twilio.RequestClient({ autoRetry: false });

/** The official SDK, pointed at the settings' API base; the call's idempotency key rides Twilio's header. */
function client({ credential: { accountSid, authToken }, settings: { apiBaseUrl }, idempotencyKey }: Call) {
  // A per-call object over the shared transport: what the SDK keeps of a request (`lastRequest`, with the
  // account's credentials) stays on it and goes with the call.
  const httpClient = Object.create(transport) as twilio.RequestClient;
  httpClient.request = ((options) =>
    transport.request.call(httpClient, {
      ...options,
      headers: { ...options.headers, 'I-Twilio-Idempotency-Token': idempotencyKey },
    })) as typeof transport.request;
  const api = twilio(accountSid, authToken, { httpClient }).api;
  api.baseUrl = apiBaseUrl;
  return api.v2010;
}

function failure(error: unknown): VendorError {
  const { status = 0, code, message } = error as TwilioRestError;
  if (status === 401 || code === 20003)
    return new VendorError(
      'auth',
      'Twilio rejected the SID + Auth Token combination — one or both are wrong; use the Live credentials, not test',
      { field: 'credential.authToken', status },
    );
  if (status === 404)
    return new VendorError(
      'auth',
      "Twilio can't find Account SID — check it in Twilio Console → Account info",
      {
        field: 'credential.accountSid',
        status,
      },
    );
  if (status === 429)
    return new VendorError('rate_limited', 'Twilio is rate limiting this account; try again shortly', {
      status,
      retryAfterSeconds: 60,
    });
  if (status >= 500 || status === 0)
    return new VendorError('unavailable', 'Twilio is not answering properly; try again later', { status });
  const field = code === 21211 ? 'to' : code === 21606 || code === 21659 ? 'from' : undefined;
  return new VendorError('rejected', `Twilio refused the message: ${vendorText(message)}`, {
    status,
    ...(field && { field }),
  });
}

export const twilioProvider = defineProvider({
  id: 'twilio',
  name: 'Twilio',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential,
  settings,
  whereToFind:
    'Twilio Console → Account info: Account SID and Auth Token (Live, not test); a number you own as `from`',
  async verify(call) {
    const account = await client(call)
      .accounts(call.credential.accountSid)
      .fetch()
      .catch((error: unknown) => {
        throw failure(error);
      });
    if (account.status !== 'active')
      throw new VendorError(
        'auth',
        `Twilio says this account is ${account.status}; reactivate it in Twilio Console`,
      );
  },
  tools: {
    async send_sms(call, input) {
      const message = await client(call)
        .accounts(call.credential.accountSid)
        .messages.create({ to: input.to, from: call.settings.from, body: input.body })
        .catch((error: unknown) => {
          throw failure(error);
        });
      return { message_id: message.sid, status: message.status };
    },
    async place_call(call, input) {
      // Rings the staff phone first; when it answers, TwiML dials the contact and bridges the two.
      const dial = new twilio.twiml.VoiceResponse().dial({
        callerId: call.settings.from,
        ...(input.record && { record: 'record-from-answer-dual' as const }),
      });
      dial.number(input.to);
      const placed = await client(call)
        .accounts(call.credential.accountSid)
        .calls.create({
          to: input.staff_phone,
          from: call.settings.from,
          twiml: dial.toString(),
          ...(input.status_callback_url && {
            statusCallback: input.status_callback_url,
            statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
          }),
        })
        .catch((error: unknown) => {
          throw failure(error);
        });
      return { call_id: placed.sid, status: placed.status, from: call.settings.from };
    },
    async delete_recording(call, input) {
      // Twilio answers 404 for a recording already deleted: a retried delete has nothing left to do.
      const deleted = await client(call)
        .accounts(call.credential.accountSid)
        .recordings(input.recording_id)
        .remove()
        .catch((error: unknown) => {
          if ((error as TwilioRestError).status === 404) return false;
          throw failure(error);
        });
      return { deleted };
    },
  },
  media: { recording_media: twilioRecordingMedia },
});
