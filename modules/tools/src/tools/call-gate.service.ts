import type { OrgTransaction } from '@suite/db';
import { type RateLimit, rateWindow } from '../rate-limits/rate-limit.service';
import type { CredentialKind, DecryptPurpose } from '../vault/credential.schema';
import { openCredential } from '../vault/credential.service';
import { requireKeyring } from '../vault/keyring';
import type { ToolName } from './tool-catalog';

export type GateDecision =
  | { readonly allowed: false; readonly retryAfterSeconds: number }
  /** `credential.value` is undefined when the connection has no credential of the provider's kind. */
  | { readonly allowed: true; readonly credential: { readonly value: unknown } };

interface GateRow {
  allowed: boolean;
  org_id: string | null;
  connection_id: string | null;
  kind: CredentialKind | null;
  kek_version: number | null;
  wrapped_key: Uint8Array<ArrayBuffer> | null;
  ciphertext: Uint8Array<ArrayBuffer> | null;
}

/**
 * A tool call's way past the rate limit to its credential, in one statement: takes one call from the
 * (org, tool) window (the conditional upsert of decision 0091, atomic across processes), and only then
 * writes the decrypt audit row and reads the sealed credential. The sealed row comes back only joined to
 * its audit row, so the decrypt stays fail-closed (decision 0090): a failed audit insert fails the whole
 * statement and nothing is opened.
 */
export async function passCallGate(
  tx: OrgTransaction,
  call: { tool: ToolName; rateLimit: RateLimit; connectionId: string; kind: CredentialKind },
  purpose: DecryptPurpose,
  now = Date.now(),
): Promise<GateDecision> {
  const keyring = requireKeyring();
  const window = rateWindow(call.rateLimit, now);
  const [row] = await tx.$queryRaw<GateRow[]>`
    WITH token AS (
      INSERT INTO tools.rate_window (org_id, tool, window_start, used)
      VALUES (DEFAULT, ${call.tool}, ${window.start}, 1)
      ON CONFLICT (org_id, tool, window_start) DO UPDATE SET used = tools.rate_window.used + 1
        WHERE tools.rate_window.used < ${call.rateLimit.limit}
      RETURNING used
    ), sealed AS (
      SELECT org_id, connection_id, kind, kek_version, wrapped_key, ciphertext FROM tools.credential
      WHERE connection_id = ${call.connectionId}::uuid
        AND kind = ${call.kind}::tools."ToolsCredentialKind"
        AND EXISTS (SELECT 1 FROM token)
    ), audit AS (
      INSERT INTO tools.decrypt_audit (id, connection_id, actor_type, actor_id, purpose, request_id, trace_id)
      SELECT gen_random_uuid(), connection_id, ${purpose.actorType}::tools."ToolsActorType", ${purpose.actorId},
             ${purpose.purpose}, ${purpose.requestId ?? null}, ${purpose.traceId ?? null}
      FROM sealed
      RETURNING connection_id
    )
    SELECT EXISTS (SELECT 1 FROM token) AS allowed, s.org_id::text, s.connection_id::text, s.kind::text,
           s.kek_version, s.wrapped_key, s.ciphertext
    FROM (SELECT 1) AS one
    LEFT JOIN (sealed s JOIN audit a ON a.connection_id = s.connection_id) ON true`;
  if (!row?.allowed) return { allowed: false, retryAfterSeconds: window.retryAfterSeconds };
  if (!row.org_id || !row.connection_id || !row.kind || row.kek_version === null)
    return { allowed: true, credential: { value: undefined } };
  const address = { orgId: row.org_id, connectionId: row.connection_id, kind: row.kind };
  const sealed = {
    kekVersion: row.kek_version,
    wrappedKey: row.wrapped_key ?? new Uint8Array(),
    ciphertext: row.ciphertext ?? new Uint8Array(),
  };
  // The row's own columns, not the caller's idea of them: a row copied elsewhere fails authentication.
  return { allowed: true, credential: { value: openCredential(keyring, address, sealed) } };
}
