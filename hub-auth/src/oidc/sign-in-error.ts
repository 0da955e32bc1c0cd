import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';

/**
 * A sign-in or refresh that did not succeed. `rejected`: Hub or the token checks said no, so a session
 * built on it must end; `failed`: Hub could not be asked (down, misconfigured), so it may work later.
 */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly kind: 'rejected' | 'failed',
    /** The library's own words, for logs. */
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

interface Cause {
  readonly message?: string;
  readonly code?: string;
  readonly cause?: { readonly claim?: string };
}

const mentions = (cause: Cause, pattern: RegExp) => pattern.test(cause.message ?? '');

const TOKEN_CHECKS: readonly [(cause: Cause) => boolean, string][] = [
  [
    (cause) => mentions(cause, /"state"/),
    'the state Hub returned does not match this sign-in (tampered, or the callback belongs to another browser)',
  ],
  [
    (cause) => cause.cause?.claim === 'nonce' || mentions(cause, /"nonce"/),
    'the ID token nonce does not match this sign-in (a token from another sign-in was injected)',
  ],
  [(cause) => cause.cause?.claim === 'exp', 'the ID token has expired'],
  [
    (cause) =>
      mentions(cause, /signature verification failed/) || cause.code === 'OAUTH_KEY_SELECTION_FAILED',
    "the ID token signature does not verify against Hub's published keys (JWKS)",
  ],
];

/** Turns openid-client's errors into one that says what was wrong and what to do. */
export function toSignInError(error: unknown, action: 'sign-in' | 'refresh'): SignInError {
  if (error instanceof SignInError) return error;
  // A failed refresh is reported as a signed-out request, which already says where to sign in.
  const again = action === 'sign-in' ? '; start again at /auth/login' : '';
  if (error instanceof AuthorizationResponseError) {
    const description = error.error_description ? ` (${error.error_description})` : '';
    return new SignInError(`Hub refused the ${action}: ${error.error}${description}${again}`, 'rejected');
  }
  if (error instanceof ResponseBodyError) {
    const detail = error.error_description ?? error.message;
    if (error.error !== 'invalid_grant')
      return new SignInError(`${action} failed: Hub answered ${error.error} (${detail})`, 'failed', detail);
    const why =
      action === 'sign-in'
        ? 'the authorization code was already used, has expired or belongs to another sign-in'
        : 'Hub no longer accepts this session';
    return new SignInError(`${action} failed: ${why}${again}`, 'rejected', detail);
  }
  if (error instanceof ClientError) {
    const cause = (error.cause ?? {}) as Cause;
    const detail = cause.message ?? error.message;
    const why = TOKEN_CHECKS.find(([test]) => test(cause))?.[1] ?? `Hub's response is invalid (${detail})`;
    return new SignInError(`${action} failed: ${why}${again}`, 'rejected', detail);
  }
  const message = (error as Error).message ?? String(error);
  return new SignInError(
    `${action} failed: Hub could not be reached (${message}); try again later`,
    'failed',
    message,
  );
}
