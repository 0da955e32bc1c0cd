import { failureFor, VendorError } from './vendor-error';

export interface VendorMessages {
  readonly vendor: string;
  readonly auth: string;
  rejected(detail: string): string;
  /** Pulls the vendor's own error text out of its error body. */
  detail(body: unknown): unknown;
}

/**
 * A JSON call to a vendor that has no SDK we can point at a base URL. Non-2xx answers become
 * VendorErrors in the provider's words; network failures count as the vendor being unavailable.
 */
export async function vendorJson<T>(url: string, init: RequestInit, messages: VendorMessages): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new VendorError('unavailable', `${messages.vendor} could not be reached; try again later`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = {};
  }
  if (!response.ok)
    throw failureFor(response.status, messages, messages.detail(body), response.headers.get('retry-after'));
  return body as T;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
