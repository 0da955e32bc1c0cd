import type { VendorMedia } from './provider-definition';
import { failureFor, VendorError } from './vendor-error';
import { jsonOrEmpty, type VendorMessages } from './vendor-http';

/**
 * A file a vendor serves (a signed PDF), streamed on rather than read as JSON; a refusal is read as the
 * vendor's JSON error, in the provider's words.
 */
export async function vendorFile(
  url: string,
  headers: Record<string, string>,
  contentType: string,
  messages: VendorMessages,
): Promise<VendorMedia> {
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
  } catch {
    throw new VendorError('unavailable', `${messages.vendor} could not be reached; try again later`);
  }
  if (!response.ok || !response.body) {
    const body = jsonOrEmpty(await response.text());
    throw failureFor(response.status, messages, messages.detail(body), response.headers.get('retry-after'));
  }
  const length = response.headers.get('content-length');
  return {
    status: 200,
    contentType,
    headers: length ? { 'content-length': length } : {},
    body: response.body,
  };
}
