import { failureFor, VendorError } from './vendor-error';

export interface VendorMessages {
  readonly vendor: string;
  readonly auth: string;
  /** The credential field a 401/403 points at, when the vendor has one key. */
  readonly authField?: string;
  /** The input or settings field a 4xx refusal points at, when the call has one suspect. */
  readonly rejectedField?: string;
  rejected(detail: string): string;
  /** Pulls the vendor's own error text out of its error body. */
  detail(body: unknown): unknown;
}

/**
 * A call to a vendor that has no SDK we can point at a base URL. Non-2xx answers become VendorErrors
 * in the provider's words; network failures count as the vendor being unavailable.
 */
export async function vendorRequest(
  url: string,
  init: RequestInit,
  messages: VendorMessages,
): Promise<{ response: Response; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new VendorError('unavailable', `${messages.vendor} could not be reached; try again later`);
  }
  const body = jsonOrEmpty(await response.text());
  if (!response.ok)
    throw failureFor(response.status, messages, messages.detail(body), response.headers.get('retry-after'));
  return { response, body };
}

/** A vendor's body as JSON, or `{}` when it is not (an HTML error page: the status says enough). */
export function jsonOrEmpty(text: string): unknown {
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    return {};
  }
}

export async function vendorJson<T>(url: string, init: RequestInit, messages: VendorMessages): Promise<T> {
  return (await vendorRequest(url, init, messages)).body as T;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
