import type { OrgTransaction } from '@suite/db';
import { type Connection, candidateProviders } from '../connections/connection.service';
import { providerById } from '../providers/provider-registry';
import { type RateLimit, rateWindow } from '../rate-limits/rate-limit.service';
import type { CredentialKind, DecryptPurpose } from '../vault/credential.schema';
import { openCredential } from '../vault/credential.service';
import { requireKeyring } from '../vault/keyring';
import { CAPABILITIES, type CapabilityName, type ToolResult } from './tool-catalog';

/** Everything a tool call reads and takes before it calls the vendor, in one statement (decision 0094). */
export interface CallOpening {
  /** The first result of this idempotency key, when there was one. */
  readonly recorded: ToolResult | null;
  /** The call is already parked as a paused run. */
  readonly parked: boolean;
  readonly choice: string | undefined;
  readonly rateLimit: RateLimit;
  /** The org's live connections of the candidate providers, oldest first. */
  readonly connections: Connection[];
  /**
   * The gate, when the call got that far (one connection to use, nothing recorded or parked, not a
   * background call on a connection in Error): a rate-limit token and then the audited credential
   * (`value` undefined when the connection has none of the provider's kind), or the wait until the
   * window turns.
   */
  readonly gate:
    | { readonly allowed: false; readonly retryAfterSeconds: number }
    | { readonly allowed: true; readonly credential: { readonly value: unknown } }
    | null;
}

type ConnectionJson = Omit<
  Connection,
  'healthChangedAt' | 'lastFailureAt' | 'lastSuccessAt' | 'verifiedAt' | 'createdAt'
> & {
  healthChangedAt: string;
  lastFailureAt: string | null;
  lastSuccessAt: string | null;
  verifiedAt: string | null;
  createdAt: string;
};

interface OpeningRow {
  recorded: ToolResult | null;
  parked: boolean;
  choice: string | null;
  rate_limit: number;
  window_seconds: number;
  connections: ConnectionJson[];
  gated: boolean;
  allowed: boolean;
  org_id: string | null;
  connection_id: string | null;
  kind: CredentialKind | null;
  kek_version: number | null;
  wrapped_key: Uint8Array<ArrayBuffer> | null;
  ciphertext: Uint8Array<ArrayBuffer> | null;
}

const date = (value: string | null) => (value === null ? null : new Date(value));

/**
 * Opens a tool call in one round trip. It reads the recorded result of the idempotency key, the paused
 * run, the vendor choice, the rate-limit override and the candidate connections; when the call may go
 * on with one connection (the oldest live one of the chosen vendor, or the only one), it takes one call
 * from the (org, tool) window (the conditional upsert of decision 0091, atomic across processes), and
 * only with a token writes the decrypt audit row and reads the sealed credential. The sealed row comes
 * back only joined to its audit row, so the decrypt stays fail-closed (decision 0090): a failed audit
 * insert fails the whole statement and nothing is opened. Row-level security scopes every part to the
 * transaction's org. Choosing in code (`chosenConnection`) from the same rows names the problem when
 * no connection is usable.
 */
export async function openToolCall(
  tx: OrgTransaction,
  call: {
    tool: CapabilityName;
    idempotencyKey: string;
    background: boolean;
    /** The capability whose vendor choice picks the connection, when not the call's own. */
    choiceOf?: CapabilityName;
  },
  purpose: DecryptPurpose,
  now = Date.now(),
): Promise<CallOpening> {
  const keyring = requireKeyring();
  const providers = candidateProviders(call.tool, undefined);
  const kinds = providers.map((id) => providerById(id).credentialKind);
  const fallback = CAPABILITIES[call.tool].rateLimit;
  const [row] = await tx.$queryRaw<OpeningRow[]>`
    WITH choice AS (SELECT provider FROM tools.vendor_choice WHERE tool = ${call.choiceOf ?? call.tool}),
    limits AS (
      SELECT COALESCE(r."limit", ${fallback.limit}) AS calls,
             COALESCE(r.window_seconds, ${fallback.windowSeconds}) AS window_seconds
      FROM (SELECT 1) AS one LEFT JOIN tools.rate_limit r ON r.tool = ${call.tool}
    ), recorded AS (
      SELECT result FROM tools.call WHERE tool = ${call.tool} AND idempotency_key = ${call.idempotencyKey}
    ), parked AS (
      SELECT 1 FROM tools.paused_run
      WHERE tool = ${call.tool} AND idempotency_key = ${call.idempotencyKey} AND status = 'paused'
    ), live AS (
      SELECT c.* FROM tools.connection c
      WHERE c.health <> 'not_connected'
        AND c.provider = ANY (coalesce((SELECT ARRAY[provider] FROM choice), ${providers}::text[]))
    ), picked AS (
      SELECT l.id, l.health, k.kind FROM live l
      JOIN unnest(${providers}::text[], ${kinds}::text[]) AS k (provider, kind) ON k.provider = l.provider
      WHERE NOT EXISTS (SELECT 1 FROM recorded) AND NOT EXISTS (SELECT 1 FROM parked)
        AND (EXISTS (SELECT 1 FROM choice) OR (SELECT count(*) FROM live) = 1)
      ORDER BY l.created_at, l.id LIMIT 1
    ), gated AS (
      SELECT id, kind FROM picked WHERE NOT (${call.background} AND health = 'error')
    ), token AS (
      INSERT INTO tools.rate_window (org_id, tool, window_start, used)
      SELECT NULLIF(current_setting('app.org_id', true), '')::uuid, ${call.tool},
             to_timestamp(floor(${now / 1000}::float8 / window_seconds) * window_seconds), 1
      FROM limits WHERE EXISTS (SELECT 1 FROM gated)
      ON CONFLICT (org_id, tool, window_start) DO UPDATE SET used = tools.rate_window.used + 1
        WHERE tools.rate_window.used < (SELECT calls FROM limits)
      RETURNING used
    ), sealed AS (
      SELECT cr.org_id, cr.connection_id, cr.kind, cr.kek_version, cr.wrapped_key, cr.ciphertext
      FROM tools.credential cr JOIN gated g ON cr.connection_id = g.id AND cr.kind::text = g.kind
      WHERE EXISTS (SELECT 1 FROM token)
    ), audit AS (
      INSERT INTO tools.decrypt_audit (id, connection_id, actor_type, actor_id, purpose, request_id, trace_id)
      SELECT gen_random_uuid(), connection_id, ${purpose.actorType}::tools."ToolsActorType", ${purpose.actorId},
             ${purpose.purpose}, ${purpose.requestId ?? null}, ${purpose.traceId ?? null}
      FROM sealed
      RETURNING connection_id
    )
    SELECT
      (SELECT result FROM recorded) AS recorded,
      EXISTS (SELECT 1 FROM parked) AS parked,
      (SELECT provider FROM choice) AS choice,
      (SELECT calls FROM limits) AS rate_limit, (SELECT window_seconds FROM limits) AS window_seconds,
      (SELECT coalesce(json_agg(json_build_object(
          'id', l.id, 'orgId', l.org_id, 'provider', l.provider, 'settings', l.settings,
          'health', l.health, 'healthReason', l.health_reason, 'healthChangedAt', l.health_changed_at,
          'failureStreak', l.failure_streak, 'lastFailureAt', l.last_failure_at,
          'lastSuccessAt', l.last_success_at, 'verifiedAt', l.verified_at, 'createdAt', l.created_at
        ) ORDER BY l.created_at, l.id), '[]') FROM live l) AS connections,
      EXISTS (SELECT 1 FROM gated) AS gated, EXISTS (SELECT 1 FROM token) AS allowed,
      s.org_id::text, s.connection_id::text, s.kind::text, s.kek_version, s.wrapped_key, s.ciphertext
    FROM (SELECT 1) AS one
    LEFT JOIN (sealed s JOIN audit a ON a.connection_id = s.connection_id) ON true`;
  if (!row) throw new Error('tools: the call opening query returned no row');
  const rateLimit = { limit: row.rate_limit, windowSeconds: row.window_seconds };
  return {
    recorded: row.recorded,
    parked: row.parked,
    choice: row.choice ?? undefined,
    rateLimit,
    connections: row.connections.map((c) => ({
      ...c,
      healthChangedAt: new Date(c.healthChangedAt),
      lastFailureAt: date(c.lastFailureAt),
      lastSuccessAt: date(c.lastSuccessAt),
      verifiedAt: date(c.verifiedAt),
      createdAt: new Date(c.createdAt),
    })),
    gate: !row.gated
      ? null
      : !row.allowed
        ? { allowed: false, retryAfterSeconds: rateWindow(rateLimit, now).retryAfterSeconds }
        : { allowed: true, credential: { value: opened(keyring, row) } },
  };
}

function opened(keyring: ReturnType<typeof requireKeyring>, row: OpeningRow): unknown {
  if (!row.org_id || !row.connection_id || !row.kind || row.kek_version === null) return undefined;
  // The row's own columns, not the caller's idea of them: a row copied elsewhere fails authentication.
  return openCredential(
    keyring,
    { orgId: row.org_id, connectionId: row.connection_id, kind: row.kind },
    {
      kekVersion: row.kek_version,
      wrappedKey: row.wrapped_key ?? new Uint8Array(),
      ciphertext: row.ciphertext ?? new Uint8Array(),
    },
  );
}
