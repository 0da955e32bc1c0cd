/** How a vendor call failed, in the terms health and results need; messages are ours, never a vendor body. */
export type VendorFailure = 'auth' | 'rate_limited' | 'unavailable' | 'rejected';

export class VendorError extends Error {
  override readonly name = 'VendorError';
  constructor(
    readonly failure: VendorFailure,
    message: string,
    readonly details: { field?: string; retryAfterSeconds?: number; status?: number } = {},
  ) {
    super(message);
  }
}

/** A vendor's own error text, cut to a line and stripped of anything shaped like a token. */
export function vendorText(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') return 'no detail given';
  return text
    .replace(/[A-Za-z0-9_\-.]{24,}/g, '…')
    .replace(/\s+/g, ' ')
    .slice(0, 200);
}

/** The usual mapping of an HTTP status to a failure, with the provider's own words for each. */
export function failureFor(
  status: number,
  messages: {
    auth: string;
    rejected: (detail: string) => string;
    vendor: string;
    rejectedField?: string;
    authField?: string;
  },
  detail: unknown,
  retryAfter?: string | null,
): VendorError {
  if (status === 401 || status === 403)
    return new VendorError('auth', messages.auth, {
      status,
      ...(messages.authField && { field: messages.authField }),
    });
  if (status === 429)
    return new VendorError(
      'rate_limited',
      `${messages.vendor} is rate limiting this account; try again shortly`,
      {
        status,
        retryAfterSeconds: Number(retryAfter) || 60,
      },
    );
  if (status >= 500)
    return new VendorError(
      'unavailable',
      `${messages.vendor} is not answering properly (HTTP ${status}); try again later`,
      {
        status,
      },
    );
  return new VendorError('rejected', messages.rejected(vendorText(detail)), {
    status,
    ...(messages.rejectedField && { field: messages.rejectedField }),
  });
}
