import { randomBytes } from 'node:crypto';
import {
  basicAuth,
  type StandIn,
  type StandInReply,
  type StandInRequest,
  startStandIn,
} from './stand-in-server';

export const TWILIO_SID = `AC${'0a1b2c3d'.repeat(4)}`;
export const TWILIO_TOKEN = 'TwilioAuthTokenTestValue00000001';

export interface TwilioStandIn extends StandIn {
  /** Messages it accepted, one per idempotency token. */
  readonly messages: Map<string, { sid: string; to: string; body: string }>;
  /** Calls it placed, one per idempotency token, with the TwiML that bridges them. */
  readonly calls: Map<
    string,
    { sid: string; to: string; from: string; twiml: string; statusCallback?: string }
  >;
  /** Recording sids deleted through the API: a second delete and their media answer 404 from then on. */
  readonly deletedRecordings: Set<string>;
  readonly state: {
    /** The auth token it accepts now; change it to revoke what the vault holds. */
    authToken: string;
    /** Answers the next message create or media request with this status (429, 503). */
    failNext: number | undefined;
  };
}

/** One MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz) of silence. */
const SILENT_MP3_FRAME = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
/** A recording's bytes: a quarter second of silence, enough for ranges to differ from the whole. */
export const RECORDING_MP3 = Buffer.concat(Array.from({ length: 10 }, () => SILENT_MP3_FRAME));

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` of a body of `size` bytes; undefined past its end. */
function byteRange(header: string, size: number): { start: number; end: number } | undefined {
  const [, from = '', to = ''] = /^bytes=(\d*)-(\d*)$/.exec(header) ?? [];
  if (from === '' && to === '') return undefined;
  const start = from === '' ? Math.max(0, size - Number(to)) : Number(from);
  const end = from === '' || to === '' ? size - 1 : Math.min(Number(to), size - 1);
  return start <= end && start < size ? { start, end } : undefined;
}

const authError = {
  code: 20003,
  message: 'Authenticate',
  more_info: 'https://www.twilio.com/docs/errors/20003',
  status: 401,
};

/** Twilio's REST API 2010-04-01 as documented: Basic auth SID:token, form bodies, RestException bodies. */
export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const messages = new Map<string, { sid: string; to: string; body: string }>();
  const calls: TwilioStandIn['calls'] = new Map();
  const deletedRecordings = new Set<string>();
  const state = { authToken: TWILIO_TOKEN, failNext: undefined as number | undefined };
  const recordingGone = {
    status: 404,
    body: { code: 20404, message: 'The requested resource was not found', status: 404 },
  };
  const authorized = (request: StandInRequest, sid: string) => {
    const auth = basicAuth(request);
    return auth?.user === sid && auth.password === state.authToken;
  };
  const standIn = await startStandIn({
    'GET /2010-04-01/Accounts/([^/]+)\\.json': (request, [, sid = '']) => {
      if (sid !== TWILIO_SID)
        return {
          status: 404,
          body: { code: 20404, message: 'The requested resource was not found', status: 404 },
        };
      if (!authorized(request, sid)) return { status: 401, body: authError };
      return { status: 200, body: { sid, status: 'active', friendly_name: 'Acme MSP' } };
    },
    'POST /2010-04-01/Accounts/([^/]+)/Messages\\.json': (request, [, sid = '']) => {
      if (!authorized(request, sid)) return { status: 401, body: authError };
      if (state.failNext) {
        const status = state.failNext;
        state.failNext = undefined;
        return {
          status,
          body: { code: status === 429 ? 20429 : 20500, message: 'Too Many Requests', status },
        };
      }
      const to = String(request.fields.To);
      if (to.startsWith('+1555000'))
        return {
          status: 400,
          body: { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 },
        };
      const token = String(request.headers['i-twilio-idempotency-token'] ?? randomBytes(8).toString('hex'));
      const message = messages.get(token) ?? {
        sid: `SM${randomBytes(16).toString('hex')}`,
        to,
        body: String(request.fields.Body),
      };
      messages.set(token, message);
      return {
        status: 201,
        body: {
          sid: message.sid,
          status: 'queued',
          to,
          from: request.fields.From,
          body: message.body,
          account_sid: sid,
        },
      };
    },
    'POST /2010-04-01/Accounts/([^/]+)/Calls\\.json': (request, [, sid = '']) => {
      if (!authorized(request, sid)) return { status: 401, body: authError };
      const token = String(request.headers['i-twilio-idempotency-token'] ?? randomBytes(8).toString('hex'));
      const { To, From, Twiml, StatusCallback } = request.fields as Record<string, string | undefined>;
      const call = calls.get(token) ?? {
        sid: `CA${randomBytes(16).toString('hex')}`,
        to: String(To),
        from: String(From),
        twiml: String(Twiml),
        ...(StatusCallback && { statusCallback: StatusCallback }),
      };
      calls.set(token, call);
      return {
        status: 201,
        body: { sid: call.sid, status: 'queued', to: call.to, from: call.from, direction: 'outbound-api' },
      };
    },
    'DELETE /2010-04-01/Accounts/([^/]+)/Recordings/([^/]+)\\.json': (
      request,
      [, sid = '', recording = ''],
    ) => {
      if (!authorized(request, sid)) return { status: 401, body: authError };
      if (deletedRecordings.has(recording)) return recordingGone;
      deletedRecordings.add(recording);
      return { status: 204 };
    },
    // The media itself, as Twilio serves it to an account that enforces HTTP auth on media URLs (private
    // recordings): Basic SID:token required, MP3 when the URL ends in .mp3, byte ranges for seeking.
    'GET /2010-04-01/Accounts/([^/]+)/Recordings/([^/.]+)\\.mp3': (
      request,
      [, sid = '', recording = ''],
    ): StandInReply => {
      if (!authorized(request, sid)) return { status: 401, body: authError };
      if (state.failNext) {
        const status = state.failNext;
        state.failNext = undefined;
        return { status, body: { code: 20500, message: 'Service Unavailable', status } };
      }
      if (deletedRecordings.has(recording)) return recordingGone;
      const size = RECORDING_MP3.length;
      const asked = request.headers.range;
      if (!asked)
        return {
          status: 200,
          headers: { 'content-type': 'audio/mpeg', 'accept-ranges': 'bytes', 'content-length': String(size) },
          body: RECORDING_MP3,
        };
      const range = byteRange(asked, size);
      if (!range) return { status: 416, headers: { 'content-range': `bytes */${size}` } };
      return {
        status: 206,
        headers: {
          'content-type': 'audio/mpeg',
          'accept-ranges': 'bytes',
          'content-range': `bytes ${range.start}-${range.end}/${size}`,
          'content-length': String(range.end - range.start + 1),
        },
        body: RECORDING_MP3.subarray(range.start, range.end + 1),
      };
    },
  });
  return Object.assign(standIn, { messages, calls, deletedRecordings, state });
}
