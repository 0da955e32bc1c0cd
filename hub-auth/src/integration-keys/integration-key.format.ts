import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key starts with this, so a leaked key is easy to grep for and to recognise in a scanner. */
export const KEY_PREFIX = 'osk_';

const LOOKUP_BYTES = 8;
const SECRET_BYTES = 32;
const KEY_PATTERN = /^osk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;
const PUBLIC_PREFIX_PATTERN = /^osk_([0-9a-f]{16})$/;

export interface NewIntegrationKey {
  /** The key itself: shown once, never stored. */
  readonly key: string;
  readonly lookupId: string;
  readonly secretHash: Uint8Array<ArrayBuffer>;
}

/**
 * SHA-256, not bcrypt: a key carries 256 random bits, so it cannot be guessed offline, and a fast hash
 * keeps verification to microseconds on every call.
 */
export function hashIntegrationKey(key: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(key).digest());
}

export function newIntegrationKey(): NewIntegrationKey {
  const lookupId = randomBytes(LOOKUP_BYTES).toString('hex');
  const key = `${KEY_PREFIX}${lookupId}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { key, lookupId, secretHash: hashIntegrationKey(key) };
}

/** The lookup id of a well-formed key; undefined for anything else. */
export function keyLookupId(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}

export function isIntegrationKey(text: string): boolean {
  return KEY_PATTERN.test(text);
}

/** What listings, logs and error messages show of a key: `osk_<lookup id>`, never the secret. */
export function publicPrefix(lookupId: string): string {
  return `${KEY_PREFIX}${lookupId}`;
}

/** The lookup id in a public prefix an operator typed (`osk_0123456789abcdef`). */
export function lookupIdOfPrefix(prefix: string): string | undefined {
  return PUBLIC_PREFIX_PATTERN.exec(prefix)?.[1];
}

export function matchesHash(key: string, storedHash: Uint8Array): boolean {
  const presented = hashIntegrationKey(key);
  return presented.length === storedHash.length && timingSafeEqual(presented, storedHash);
}
