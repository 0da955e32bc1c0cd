import { randomBytes, randomUUID } from 'node:crypto';
import { OAuthServer } from './oauth.stand-in';
import {
  basicAuth,
  bearerToken,
  type StandIn,
  type StandInReply,
  type StandInRequest,
  startStandIn,
} from './stand-in-server';
import { type CheckoutState, checkoutRoutes } from './stripe-checkout.stand-in';

export const KEYS = {
  stripe: 'sk_live_StripeStandInKey000000001',
  square: 'EAAASquareStandInToken00000000000001',
  sendgrid: 'SG.SendGridStandIn0001.SendGridStandInSecret00000001',
  mailgun: '0123456789abcdef0123456789abcdef-0a1b2c3d-4e5f6a7b',
  resend: 're_ResendStandInKey0000000001',
  googleMaps: 'AIzaGoogleMapsStandInKey000000000000001',
  mapbox: 'pk.eyJ1IjoibWFwYm94c3RhbmRpbiJ9.MapboxStandInSignature01',
  dropboxSign: 'ab'.repeat(32),
};

const id = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`;

export interface VendorStandIn extends StandIn {
  /** The key it accepts; set to anything else to revoke. */
  readonly state: { key: string; failNext?: number | undefined };
  /** Outside effects it performed, by idempotency key when the vendor takes one. */
  readonly effects: unknown[];
  readonly oauth?: OAuthServer;
}

/**
 * What an e-signature vendor's stand-in serves as the signed PDF of a request it was sent: the PDF the
 * suite sent with the vendor's signature and audit trail appended (here a marker naming both).
 */
export function vendorSignedPdf(sent: Buffer, vendor: string, envelopeId: string): Buffer {
  return Buffer.concat([sent, Buffer.from(`% signed at ${vendor}, ${envelopeId}: audit trail\n%%EOF\n`)]);
}

/** A signed PDF as the vendor serves it, or the vendor's 404 for an id it never sent (or sent by URL). */
function signedFile(
  effects: readonly unknown[],
  vendor: string,
  envelopeId: string,
  notFound: StandInReply,
): StandInReply {
  const sent = (effects as { envelopeId?: string; signatureRequestId?: string; file?: Buffer }[]).find(
    (effect) => (effect.envelopeId ?? effect.signatureRequestId) === envelopeId,
  );
  if (!sent?.file) return notFound;
  return {
    status: 200,
    headers: { 'content-type': 'application/pdf' },
    body: vendorSignedPdf(sent.file, vendor, envelopeId),
  };
}

function failing(state: VendorStandIn['state']) {
  const status = state.failNext;
  state.failNext = undefined;
  return status;
}

export interface StripeStandIn extends VendorStandIn {
  /** Set `webhook` for the hosted Checkout page to post `checkout.session.completed` there. */
  readonly checkout: CheckoutState;
}

/** Stripe's API: Bearer secret key, form bodies, `Idempotency-Key` replays, `{ error: { type, code, message, param } }`. */
export async function startStripeStandIn(): Promise<StripeStandIn> {
  const state = { key: KEYS.stripe } as VendorStandIn['state'];
  const checkout: CheckoutState = {};
  let base = '';
  const effects: unknown[] = [];
  const charges = new Map<string, unknown>();
  const unauthorized = {
    status: 401,
    body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_live_****0001' } },
  };
  const ok = (request: StandInRequest) => bearerToken(request) === state.key;
  const standIn = await startStandIn({
    ...checkoutRoutes(
      checkout,
      effects,
      (request) => {
        if (!ok(request)) return unauthorized;
        const status = failing(state);
        return status
          ? { status, body: { error: { type: 'api_error', message: 'Something went wrong' } } }
          : undefined;
      },
      () => base,
    ),
    'GET /v1/balance': (request) =>
      ok(request) ? { status: 200, body: { object: 'balance', available: [] } } : unauthorized,
    'POST /v1/charges': (request) => {
      if (!ok(request)) return unauthorized;
      const status = failing(state);
      if (status) return { status, body: { error: { type: 'api_error', message: 'Something went wrong' } } };
      const key = String(request.headers['idempotency-key'] ?? id('none-'));
      if (request.fields.source === 'tok_chargeDeclined')
        return {
          status: 402,
          body: {
            error: {
              type: 'card_error',
              code: 'card_declined',
              message: 'Your card was declined.',
              param: 'source',
            },
          },
        };
      const charge = charges.get(key) ?? {
        id: id('ch_'),
        object: 'charge',
        status: 'succeeded',
        amount: Number(request.fields.amount),
        currency: request.fields.currency,
        metadata: { reference: request.fields['metadata[reference]'] },
        payment_intent: null,
      };
      if (!charges.has(key)) effects.push(charge);
      charges.set(key, charge);
      return { status: 200, body: charge };
    },
  });
  base = standIn.url;
  return Object.assign(standIn, { state, effects, checkout });
}

/** Square's v2 API: Bearer token, JSON, `idempotency_key` in the body, `{ errors: [{ category, code, detail, field }] }`. */
export async function startSquareStandIn(): Promise<VendorStandIn> {
  const state = { key: KEYS.square } as VendorStandIn['state'];
  const effects: unknown[] = [];
  const payments = new Map<string, unknown>();
  const unauthorized = {
    status: 401,
    body: {
      errors: [
        {
          category: 'AUTHENTICATION_ERROR',
          code: 'UNAUTHORIZED',
          detail: 'This request could not be authorized.',
        },
      ],
    },
  };
  const ok = (request: StandInRequest) => bearerToken(request) === state.key;
  const standIn = await startStandIn({
    'GET /v2/locations/([^/]+)': (request, [, location]) => {
      if (!ok(request)) return unauthorized;
      if (location !== 'L1')
        return {
          status: 404,
          body: {
            errors: [{ category: 'INVALID_REQUEST_ERROR', code: 'NOT_FOUND', detail: 'Location not found' }],
          },
        };
      return { status: 200, body: { location: { id: 'L1', status: 'ACTIVE' } } };
    },
    'POST /v2/payments': (request) => {
      if (!ok(request)) return unauthorized;
      const status = failing(state);
      if (status)
        return { status, body: { errors: [{ category: 'API_ERROR', code: 'INTERNAL_SERVER_ERROR' }] } };
      const body = request.fields as {
        idempotency_key: string;
        source_id: string;
        amount_money: { amount: number };
      };
      if (body.source_id === 'cnon:card-nonce-declined')
        return {
          status: 400,
          body: {
            errors: [
              {
                category: 'PAYMENT_METHOD_ERROR',
                code: 'GENERIC_DECLINE',
                detail: 'Authorization error: GENERIC_DECLINE',
                field: 'source_id',
              },
            ],
          },
        };
      const payment = payments.get(body.idempotency_key) ?? {
        id: id('sqpay'),
        status: 'COMPLETED',
        amount_money: body.amount_money,
      };
      if (!payments.has(body.idempotency_key)) effects.push(payment);
      payments.set(body.idempotency_key, payment);
      return { status: 200, body: { payment } };
    },
  });
  return Object.assign(standIn, { state, effects });
}

/** SendGrid v3: Bearer key, 202 with X-Message-Id, `{ errors: [{ message, field }] }`. */
export async function startSendGridStandIn(): Promise<VendorStandIn> {
  const state = { key: KEYS.sendgrid } as VendorStandIn['state'];
  const effects: unknown[] = [];
  const unauthorized = {
    status: 401,
    body: {
      errors: [{ field: null, message: 'The provided authorization grant is invalid, expired, or revoked' }],
    },
  };
  const ok = (request: StandInRequest) => bearerToken(request) === state.key;
  const standIn = await startStandIn({
    'GET /v3/scopes': (request) =>
      ok(request) ? { status: 200, body: { scopes: ['mail.send'] } } : unauthorized,
    'POST /v3/mail/send': (request) => {
      if (!ok(request)) return unauthorized;
      const status = failing(state);
      if (status) return { status, body: { errors: [{ message: 'too many requests' }] } };
      const body = request.fields as {
        personalizations: { to: { email: string }[] }[];
        subject?: string;
        content?: { value: string }[];
      };
      const to = body.personalizations[0]?.to[0]?.email ?? '';
      if (to.endsWith('@blocked.example'))
        return {
          status: 400,
          body: {
            errors: [{ field: 'personalizations.0.to', message: 'Does not contain a valid address.' }],
          },
        };
      const messageId = id('sg-');
      effects.push({ messageId, to, subject: body.subject, text: body.content?.[0]?.value });
      return { status: 202, headers: { 'x-message-id': messageId } };
    },
  });
  return Object.assign(standIn, { state, effects });
}

/** Resend: Bearer key, JSON, `Idempotency-Key` replays, `{ statusCode, name, message }` errors (403 for a bad key). */
export async function startResendStandIn(): Promise<VendorStandIn> {
  const state = { key: KEYS.resend } as VendorStandIn['state'];
  const effects: unknown[] = [];
  const sent = new Map<string, string>();
  const unauthorized = {
    status: 403,
    body: { statusCode: 403, name: 'invalid_api_key', message: 'API key is invalid' },
  };
  const ok = (request: StandInRequest) => bearerToken(request) === state.key;
  const standIn = await startStandIn({
    'GET /domains': (request) =>
      ok(request)
        ? { status: 200, body: { data: [{ id: id('dom_'), name: 'acme.example', status: 'verified' }] } }
        : unauthorized,
    'POST /emails': (request) => {
      if (!ok(request)) return unauthorized;
      const status = failing(state);
      if (status)
        return {
          status,
          body: { statusCode: status, name: 'rate_limit_exceeded', message: 'Too many requests' },
        };
      const body = request.fields as { to: string[]; subject?: string; text?: string };
      const to = body.to[0] ?? '';
      if (to.endsWith('@blocked.example'))
        return {
          status: 422,
          body: { statusCode: 422, name: 'validation_error', message: 'Invalid `to` field.' },
        };
      const key = String(request.headers['idempotency-key'] ?? id('none-'));
      const emailId = sent.get(key) ?? randomUUID();
      if (!sent.has(key)) effects.push({ emailId, to, subject: body.subject, text: body.text });
      sent.set(key, emailId);
      return { status: 200, body: { id: emailId } };
    },
  });
  return Object.assign(standIn, { state, effects });
}

/** Mailgun v3: Basic api:key, form bodies, `{ message }` errors, 401 "Forbidden". */
export async function startMailgunStandIn(): Promise<VendorStandIn> {
  const state = { key: KEYS.mailgun } as VendorStandIn['state'];
  const effects: unknown[] = [];
  const ok = (request: StandInRequest) => {
    const auth = basicAuth(request);
    return auth?.user === 'api' && auth.password === state.key;
  };
  const standIn = await startStandIn({
    'GET /v3/domains/([^/]+)': (request, [, domain]) => {
      if (!ok(request)) return { status: 401, body: { message: 'Invalid private key' } };
      if (domain !== 'mg.acme.example') return { status: 404, body: { message: 'Domain not found' } };
      return { status: 200, body: { domain: { name: domain, state: 'active' } } };
    },
    'POST /v3/([^/]+)/messages': (request) => {
      if (!ok(request)) return { status: 401, body: { message: 'Invalid private key' } };
      const status = failing(state);
      if (status) return { status, body: { message: 'Service unavailable' } };
      if (String(request.fields.to).endsWith('@blocked.example'))
        return {
          status: 400,
          body: { message: 'to parameter is not a valid address. please check documentation' },
        };
      const messageId = `<${id('')}@mg.acme.example>`;
      effects.push({ messageId, to: request.fields.to });
      return { status: 200, body: { id: messageId, message: 'Queued. Thank you.' } };
    },
  });
  return Object.assign(standIn, { state, effects });
}

/** Google Geocoding: the key as a query parameter, errors as HTTP 200 with a status. */
export async function startGoogleMapsStandIn(): Promise<VendorStandIn> {
  const state = { key: KEYS.googleMaps } as VendorStandIn['state'];
  const standIn = await startStandIn({
    'GET /maps/api/geocode/json': (request) => {
      if (request.query.get('key') !== state.key)
        return {
          status: 200,
          body: { status: 'REQUEST_DENIED', error_message: 'The provided API key is invalid.', results: [] },
        };
      const status = failing(state);
      if (status) return { status: 200, body: { status: 'OVER_QUERY_LIMIT', results: [] } };
      const address = request.query.get('address') ?? '';
      if (address.includes('Nowhere')) return { status: 200, body: { status: 'ZERO_RESULTS', results: [] } };
      return {
        status: 200,
        body: {
          status: 'OK',
          results: [
            { formatted_address: `${address}, USA`, geometry: { location: { lat: 37.422, lng: -122.084 } } },
          ],
        },
      };
    },
  });
  return Object.assign(standIn, { state, effects: [] });
}

/** Mapbox Geocoding v6 and Tokens v2: `access_token` query parameter, `{ message }` errors. */
export async function startMapboxStandIn(): Promise<VendorStandIn> {
  const state = { key: KEYS.mapbox } as VendorStandIn['state'];
  const denied = { status: 401, body: { message: 'Not Authorized - Invalid Token' } };
  const standIn = await startStandIn({
    'GET /tokens/v2': (request) =>
      request.query.get('access_token') === state.key
        ? { status: 200, body: { code: 'TokenValid' } }
        : { status: 401, body: { code: 'TokenInvalid' } },
    'GET /search/geocode/v6/forward': (request) => {
      if (request.query.get('access_token') !== state.key) return denied;
      const status = failing(state);
      if (status) return { status, body: { message: 'Too Many Requests' } };
      const q = request.query.get('q') ?? '';
      if (q.includes('Nowhere')) return { status: 200, body: { type: 'FeatureCollection', features: [] } };
      return {
        status: 200,
        body: {
          type: 'FeatureCollection',
          features: [
            {
              geometry: { coordinates: [-122.084, 37.422] },
              properties: { full_address: `${q}, United States` },
            },
          ],
        },
      };
    },
  });
  return Object.assign(standIn, { state, effects: [] });
}

/** Dropbox Sign v3: Basic with the key as user, `{ error: { error_msg, error_name } }`. */
export async function startDropboxSignStandIn(): Promise<VendorStandIn> {
  const state = { key: KEYS.dropboxSign } as VendorStandIn['state'];
  const effects: unknown[] = [];
  const unauthorized = {
    status: 401,
    body: { error: { error_msg: 'Unauthorized api key', error_name: 'unauthorized' } },
  };
  const ok = (request: StandInRequest) => basicAuth(request)?.user === state.key;
  const standIn = await startStandIn({
    'GET /v3/account': (request) =>
      ok(request) ? { status: 200, body: { account: { account_id: 'acc1' } } } : unauthorized,
    'POST /v3/signature_request/send': (request) => {
      if (!ok(request)) return unauthorized;
      const status = failing(state);
      if (status)
        return { status, body: { error: { error_msg: 'Rate limit exceeded', error_name: 'exceeded_rate' } } };
      const fileUrl = request.fields['file_urls[0]'];
      if (typeof fileUrl === 'string' && fileUrl.includes('missing'))
        return {
          status: 400,
          body: { error: { error_msg: 'Could not download file from URL', error_name: 'bad_request' } },
        };
      const signatureRequestId = id('');
      effects.push({
        signatureRequestId,
        signer: request.fields['signers[0][email_address]'],
        reference: request.fields['metadata[reference]'],
        file: request.fields['files[0]'],
      });
      return {
        status: 200,
        body: { signature_request: { signature_request_id: signatureRequestId, is_complete: false } },
      };
    },
    'GET /v3/signature_request/files/([^/]+)': (request, [, signatureRequestId = '']) => {
      if (!ok(request)) return unauthorized;
      const status = failing(state);
      if (status)
        return { status, body: { error: { error_msg: 'Rate limit exceeded', error_name: 'exceeded_rate' } } };
      if (request.query.get('file_type') !== 'pdf')
        return {
          status: 400,
          body: { error: { error_msg: 'Invalid file_type', error_name: 'bad_request' } },
        };
      return signedFile(effects, 'Dropbox Sign', signatureRequestId, {
        status: 404,
        body: { error: { error_msg: 'Not found', error_name: 'not_found' } },
      });
    },
  });
  return Object.assign(standIn, { state, effects });
}

/** An OAuth vendor's API (DocuSign, Meta, YouTube, Google Business) with its authorization server. */
async function startOAuthVendor(
  routes: (
    oauth: OAuthServer,
    effects: unknown[],
    state: VendorStandIn['state'],
  ) => Parameters<typeof startStandIn>[0],
) {
  const oauth = new OAuthServer();
  const effects: unknown[] = [];
  const state = { key: '' } as VendorStandIn['state'];
  const standIn = await startStandIn({ ...oauth.routes, ...routes(oauth, effects, state) });
  return Object.assign(standIn, { state, effects, oauth });
}

export function startDocuSignStandIn(): Promise<VendorStandIn> {
  return startOAuthVendor((oauth, effects, state) => {
    const denied = {
      status: 401,
      body: {
        errorCode: 'USER_AUTHENTICATION_FAILED',
        message: 'One or both of Username and Password are invalid.',
      },
    };
    return {
      'GET /restapi/v2.1/accounts/([^/]+)': (request) =>
        oauth.authorized(request) ? { status: 200, body: { accountIdGuid: 'x' } } : denied,
      'POST /restapi/v2.1/accounts/([^/]+)/envelopes': (request) => {
        if (!oauth.authorized(request)) return denied;
        const status = failing(state);
        if (status)
          return { status, body: { errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED', message: 'limit' } };
        const body = request.fields as {
          documents: { remoteUrl?: string; documentBase64?: string }[];
          recipients: { signers: { email: string }[] };
          customFields?: { textCustomFields: { name: string; value: string }[] };
        };
        if (body.documents[0]?.remoteUrl?.includes('missing'))
          return {
            status: 400,
            body: { errorCode: 'INVALID_REQUEST_BODY', message: 'The document could not be fetched.' },
          };
        const envelopeId = id('env-');
        const document = body.documents[0]?.documentBase64;
        effects.push({
          envelopeId,
          signer: body.recipients.signers[0]?.email,
          reference: body.customFields?.textCustomFields.find((field) => field.name === 'reference')?.value,
          ...(document && { file: Buffer.from(document, 'base64') }),
        });
        return { status: 201, body: { envelopeId, status: 'sent' } };
      },
      'GET /restapi/v2.1/accounts/([^/]+)/envelopes/([^/]+)/documents/combined': (
        request,
        [, , envelopeId = ''],
      ) => {
        if (!oauth.authorized(request)) return denied;
        const status = failing(state);
        if (status)
          return { status, body: { errorCode: 'HOURLY_APIINVOCATION_LIMIT_EXCEEDED', message: 'limit' } };
        return signedFile(effects, 'DocuSign', envelopeId, {
          status: 404,
          body: {
            errorCode: 'ENVELOPE_DOES_NOT_EXIST',
            message: 'The envelope specified either does not exist or you have no rights to the envelope.',
          },
        });
      },
    };
  });
}

export function startMetaStandIn(): Promise<VendorStandIn> {
  return startOAuthVendor((oauth, effects, state) => {
    const denied = {
      status: 401,
      body: {
        error: {
          message: 'Error validating access token: Session has expired',
          type: 'OAuthException',
          code: 190,
        },
      },
    };
    return {
      'GET /(\\d+)': (request) =>
        oauth.authorized(request) ? { status: 200, body: { id: '1234', name: 'Acme' } } : denied,
      'POST /(\\d+)/feed': async (request) => {
        if (!oauth.authorized(request)) return oauth.refuse(denied);
        const status = failing(state);
        if (status)
          return { status, body: { error: { message: 'Application request limit reached', code: 4 } } };
        if (String(request.fields.message).includes('forbidden words'))
          return {
            status: 400,
            body: {
              error: { message: 'The post violates community standards', type: 'OAuthException', code: 368 },
            },
          };
        const postId = `1234_${Date.now()}`;
        effects.push({ postId });
        return { status: 200, body: { id: postId } };
      },
    };
  });
}

export function startYouTubeStandIn(): Promise<VendorStandIn> {
  return startOAuthVendor((oauth, effects, state) => {
    const denied = {
      status: 401,
      body: { error: { code: 401, message: 'Request had invalid authentication credentials.' } },
    };
    return {
      'GET /youtube/v3/channels': (request) =>
        oauth.authorized(request) ? { status: 200, body: { items: [{ id: 'UC1' }] } } : denied,
      'GET /media/(.+)': (_request, [, name]) =>
        name === 'missing.mp4' ? { status: 404, body: {} } : { status: 200, body: 'VIDEO-BYTES' },
      'POST /upload/youtube/v3/videos': (request) => {
        if (!oauth.authorized(request)) return denied;
        const status = failing(state);
        if (status) return { status, body: { error: { code: status, message: 'quotaExceeded' } } };
        if (
          !String(request.headers['content-type']).startsWith('multipart/form-data') ||
          !request.body.includes('VIDEO-BYTES')
        )
          return { status: 400, body: { error: { code: 400, message: 'Media type not supported' } } };
        const videoId = id('vid');
        effects.push({ videoId });
        return { status: 200, body: { id: videoId, kind: 'youtube#video' } };
      },
    };
  });
}

export function startGoogleBusinessStandIn(): Promise<VendorStandIn> {
  return startOAuthVendor((oauth, effects, state) => {
    const denied = {
      status: 401,
      body: {
        error: {
          code: 401,
          message: 'Request had invalid authentication credentials.',
          status: 'UNAUTHENTICATED',
        },
      },
    };
    return {
      'GET /v4/accounts/(\\d+)/locations/(\\d+)/localPosts': (request) =>
        oauth.authorized(request) ? { status: 200, body: { localPosts: [] } } : denied,
      'POST /v4/accounts/(\\d+)/locations/(\\d+)/localPosts': (request, [, account, location]) => {
        if (!oauth.authorized(request)) return denied;
        const status = failing(state);
        if (status) return { status, body: { error: { code: status, message: 'unavailable' } } };
        if (String(request.fields.summary).length > 1500)
          return {
            status: 400,
            body: {
              error: {
                code: 400,
                message: 'Request contains an invalid argument.',
                status: 'INVALID_ARGUMENT',
              },
            },
          };
        const name = `accounts/${account}/locations/${location}/localPosts/${id('')}`;
        effects.push({ name });
        return { status: 200, body: { name, searchUrl: 'https://local.google.com/place?id=1' } };
      },
    };
  });
}
