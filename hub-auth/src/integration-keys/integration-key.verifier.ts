import type { Prisma, PrismaClient } from '@suite/db';
import type { FastifyBaseLogger } from 'fastify';
import { keyLookupId, matchesHash, publicPrefix } from './integration-key.format';
import { LastUsedRecorder } from './last-used.recorder';

export const INTEGRATION_KEY_HEADER = 'x-integration-key';

/** Who is calling, as the key says: everything a procedure may rely on. */
export interface VerifiedIntegrationKey {
  readonly keyId: string;
  readonly prefix: string;
  readonly orgId: string;
  readonly caller: string;
  readonly target: string;
  readonly scopes: readonly string[];
}

export type IntegrationKeyResolution =
  | { readonly status: 'verified'; readonly key: VerifiedIntegrationKey }
  | { readonly status: 'refused'; readonly reason: string };

/** How long a key's row is reused: bounds how late another process sees a revocation. */
const CACHE_MS = 2_000;
const LAST_USED_INTERVAL_MS = 60_000;
/** Random keys must not grow the cache without limit; the oldest entry makes room. */
const MAX_CACHED_KEYS = 10_000;

const storedFields = {
  id: true,
  orgId: true,
  lookupId: true,
  secretHash: true,
  caller: true,
  target: true,
  scopes: true,
  expiresAt: true,
  revokedAt: true,
} as const;

type StoredKey = Prisma.IntegrationKeyGetPayload<{ select: typeof storedFields }>;

const refused = (reason: string): IntegrationKeyResolution => ({ status: 'refused', reason });

// One message for an unknown key and a wrong secret: the caller learns nothing about which keys exist.
const UNKNOWN =
  'unknown integration key; ask the operator of the target product for a valid X-Integration-Key';

/** Resolves `X-Integration-Key` to the org, caller and scopes it stands for. */
export class IntegrationKeyVerifier {
  readonly #cache = new Map<string, { readonly until: number; readonly stored: Promise<StoredKey | null> }>();
  readonly #lastUsed: LastUsedRecorder;

  constructor(
    private readonly db: PrismaClient,
    log: FastifyBaseLogger,
  ) {
    this.#lastUsed = new LastUsedRecorder(db, log, LAST_USED_INTERVAL_MS);
  }

  async resolve(header: string | string[] | undefined): Promise<IntegrationKeyResolution> {
    if (header === undefined || header === '')
      return refused('missing X-Integration-Key header; send the key the target product issued for this org');
    if (Array.isArray(header)) return refused('several X-Integration-Key headers; send exactly one');
    const lookupId = keyLookupId(header);
    if (!lookupId)
      return refused('X-Integration-Key is not an integration key (expected osk_<16 hex>_<43 characters>)');
    const stored = await this.#stored(lookupId);
    if (!stored || !matchesHash(header, stored.secretHash)) return refused(UNKNOWN);
    const prefix = publicPrefix(lookupId);
    if (stored.revokedAt) return refused(`integration key ${prefix} was revoked; ask for a new key`);
    if (stored.expiresAt && stored.expiresAt <= new Date())
      return refused(
        `integration key ${prefix} expired at ${stored.expiresAt.toISOString()}; use the key that replaced it, or ask for a new one`,
      );
    this.#lastUsed.touch(stored.id);
    const { id: keyId, orgId, caller, target, scopes } = stored;
    return { status: 'verified', key: { keyId, prefix, orgId, caller, target, scopes } };
  }

  /** Waits for last-used writes still in flight. */
  close(): Promise<void> {
    return this.#lastUsed.flush();
  }

  // Concurrent requests with one key share one query; a failed query is not cached.
  #stored(lookupId: string): Promise<StoredKey | null> {
    const now = Date.now();
    const cached = this.#cache.get(lookupId);
    if (cached && cached.until > now) return cached.stored;
    this.#cache.delete(lookupId);
    if (this.#cache.size >= MAX_CACHED_KEYS) this.#cache.delete(this.#cache.keys().next().value ?? '');
    const stored = Promise.resolve(
      this.db.integrationKey.findUnique({ where: { lookupId }, select: storedFields }),
    );
    this.#cache.set(lookupId, { until: now + CACHE_MS, stored });
    stored.catch(() => this.#cache.delete(lookupId));
    return stored;
  }
}
