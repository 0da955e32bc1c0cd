import { randomBytes } from 'node:crypto';
import { basicAuth, type StandIn, type StandInRequest, startStandIn } from './stand-in-server';

export const TWILIO_SID = `AC${'0a1b2c3d'.repeat(4)}`;
export const TWILIO_TOKEN = 'TwilioAuthTokenTestValue00000001';

export interface TwilioStandIn extends StandIn {
  /** Messages it accepted, one per idempotency token. */
  readonly messages: Map<string, { sid: string; to: string; body: string }>;
  readonly state: {
    /** The auth token it accepts now; change it to revoke what the vault holds. */
    authToken: string;
    /** Answers the next message create with this status (429, 503). */
    failNext: number | undefined;
  };
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
  const state = { authToken: TWILIO_TOKEN, failNext: undefined as number | undefined };
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
  });
  return Object.assign(standIn, { messages, state });
}
