import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of `payload` with `secret`, compared in constant time against a vendor's signature. */
export function hmacSha256Matches(
  secret: string,
  payload: string,
  signature: string,
  encoding: 'hex' | 'base64',
): boolean {
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, encoding);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** For vendors whose payloads carry no event id: the same body is the same event. */
export function bodyDigest(body: string): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

export function headerOf(
  headers: Readonly<Record<string, string | undefined>>,
  name: string,
): string | undefined {
  const value = headers[name];
  return value === undefined || value === '' ? undefined : value;
}
