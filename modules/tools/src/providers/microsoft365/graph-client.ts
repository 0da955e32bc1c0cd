import { AuthError } from '@azure/msal-node';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
} from '@microsoft/microsoft-graph-client';
import { VendorError, vendorText } from '../vendor-error';
import type { M365Settings } from './microsoft365.settings';
import { retryAfterSeconds } from './retry-after';

/** Prefer headers of every mailbox read: immutable ids (stable across folder moves) and the page size. */
export function preferHeader(settings: M365Settings): string {
  return `odata.maxpagesize=${settings.pageSize}, IdType="ImmutableId"`;
}

/**
 * The official Graph client on the org's Graph base URL. Its own chain (auth, then HTTP) without the
 * SDK's retry handler: throttling is waited out per mailbox by the sync, never by blocking a request.
 */
export function graphClient(settings: M365Settings, accessToken: () => Promise<string>): Client {
  const auth = new AuthenticationHandler({ getAccessToken: accessToken });
  auth.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    baseUrl: settings.graphBaseUrl,
    middleware: auth,
    customHosts: new Set([new URL(settings.graphBaseUrl).hostname]),
  });
}

/** Graph said the delta token is no longer valid: the folder starts a fresh snapshot. */
export class DeltaExpired extends Error {
  override readonly name = 'DeltaExpired';
}

const CONSENT =
  'in Microsoft Entra ID → App registrations → your app → API permissions, add the application permissions Mail.Read and Mail.Send, then press "Grant admin consent"';

/** Entra ID's refusals (AADSTS codes), whether msal's own error or one the Graph client wrapped. */
function tokenFailure(text: string): VendorError {
  if (/AADSTS7000215|AADSTS7000222|invalid_client/.test(text))
    return new VendorError(
      'auth',
      'Microsoft Entra ID rejected the client secret (wrong or expired) — create a new one under App registrations → Certificates & secrets and connect again',
      { field: 'credential.clientSecret' },
    );
  if (/AADSTS700016/.test(text))
    return new VendorError(
      'auth',
      'the application (client) id is not registered in this tenant — copy it from App registrations → Overview',
      { field: 'settings.clientId' },
    );
  if (/AADSTS90002|AADSTS900023/.test(text))
    return new VendorError(
      'auth',
      'the tenant id or domain does not exist — copy the Directory (tenant) id',
      {
        field: 'settings.tenantId',
      },
    );
  if (/AADSTS65001|consent/i.test(text))
    return new VendorError('auth', `admin consent is missing — ${CONSENT}`, { field: 'settings.clientId' });
  return new VendorError(
    'auth',
    `Microsoft Entra ID refused the sign-in: ${vendorText(/AADSTS\d+/.exec(text)?.[0])}`,
  );
}

/** A Graph or token failure in the tool layer's terms, with what to do about it. */
export function graphFailure(error: unknown, mailbox?: string): Error {
  if (error instanceof AuthError) return tokenFailure(`${error.errorCode} ${error.errorMessage}`);
  if (error instanceof Error && /AADSTS\d+|invalid_client|unauthorized_client/.test(error.message))
    return tokenFailure(error.message);
  if (!(error instanceof GraphError)) {
    const message = error instanceof Error ? error.message : String(error);
    return new VendorError(
      'unavailable',
      `Microsoft Graph could not be reached (${vendorText(message)}); try again later`,
    );
  }
  const status = error.statusCode;
  const retryAfter = retryAfterSeconds(error.headers?.get('retry-after'));
  if (status === 410 || error.code === 'SyncStateNotFound' || error.code === 'syncStateNotFound')
    return new DeltaExpired(`the delta token of ${mailbox ?? 'a mailbox'} expired`);
  if (status === 429)
    return new VendorError(
      'rate_limited',
      'Microsoft Graph is throttling this mailbox; the sync waits and resumes',
      {
        status,
        retryAfterSeconds: retryAfter,
      },
    );
  if (status >= 500)
    return new VendorError(
      'unavailable',
      `Microsoft Graph is not answering properly (HTTP ${status}); try again later`,
      {
        status,
        retryAfterSeconds: retryAfter,
      },
    );
  if (status === 401)
    return new VendorError(
      'auth',
      'Microsoft Graph refused the access token — check the app registration and connect again',
    );
  if (status === 403)
    return new VendorError(
      'auth',
      `Mail.Read or Mail.Send is not granted, or admin consent is missing — ${CONSENT}`,
      {
        status,
        field: 'settings.clientId',
      },
    );
  if (status === 404 && mailbox)
    return new VendorError(
      'rejected',
      `the mailbox ${mailbox} does not exist or has no Exchange Online licence — fix it in the mailbox list`,
      { status, field: 'settings.mailboxes' },
    );
  return new VendorError('rejected', `Microsoft Graph refused the request: ${vendorText(error.message)}`, {
    status,
  });
}

/** Runs a Graph call, translating its failure. */
export async function graphCall<T>(call: () => Promise<T>, mailbox?: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw graphFailure(error, mailbox);
  }
}
