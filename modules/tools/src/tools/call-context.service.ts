import type { OrgTransaction } from '@suite/db';
import { type Connection, candidateProviders } from '../connections/connection.service';
import type { RateLimit } from '../rate-limits/rate-limit.service';
import { TOOL_CATALOG, type ToolName, type ToolResult } from './tool-catalog';

/** Everything a tool call reads before it acts, read in one statement (decision 0092). */
export interface CallContext {
  /** The first result of this idempotency key, when there was one. */
  readonly recorded: ToolResult | null;
  /** The call is already parked as a paused run. */
  readonly parked: boolean;
  readonly choice: string | undefined;
  readonly rateLimit: RateLimit;
  /** The org's live connections of the candidate providers, oldest first. */
  readonly connections: Connection[];
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

interface ContextRow {
  recorded: ToolResult | null;
  parked: boolean;
  choice: string | null;
  rate_limit: number | null;
  window_seconds: number | null;
  connections: ConnectionJson[];
}

const date = (value: string | null) => (value === null ? null : new Date(value));

/**
 * The recorded result, the paused run, the vendor choice, the rate-limit override and the candidate
 * connections: five reads in one round trip. Row-level security scopes each to the transaction's org.
 */
export async function readCallContext(
  tx: OrgTransaction,
  tool: ToolName,
  idempotencyKey: string,
): Promise<CallContext> {
  const allProviders = candidateProviders(tool, undefined);
  const [row] = await tx.$queryRaw<ContextRow[]>`
    WITH choice AS (SELECT provider FROM tools.vendor_choice WHERE tool = ${tool})
    SELECT
      (SELECT result FROM tools.call WHERE tool = ${tool} AND idempotency_key = ${idempotencyKey}) AS recorded,
      EXISTS (SELECT 1 FROM tools.paused_run
               WHERE tool = ${tool} AND idempotency_key = ${idempotencyKey} AND status = 'paused') AS parked,
      (SELECT provider FROM choice) AS choice,
      r."limit" AS rate_limit, r.window_seconds,
      (SELECT coalesce(json_agg(json_build_object(
          'id', c.id, 'orgId', c.org_id, 'provider', c.provider, 'settings', c.settings,
          'health', c.health, 'healthReason', c.health_reason, 'healthChangedAt', c.health_changed_at,
          'failureStreak', c.failure_streak, 'lastFailureAt', c.last_failure_at,
          'lastSuccessAt', c.last_success_at, 'verifiedAt', c.verified_at, 'createdAt', c.created_at
        ) ORDER BY c.created_at), '[]')
        FROM tools.connection c
        WHERE c.health <> 'not_connected'
          AND c.provider = ANY (coalesce((SELECT ARRAY[provider] FROM choice), ${allProviders}::text[]))
      ) AS connections
    FROM (SELECT 1) AS one LEFT JOIN tools.rate_limit r ON r.tool = ${tool}`;
  if (!row) throw new Error('tools: the call context query returned no row');
  return {
    recorded: row.recorded,
    parked: row.parked,
    choice: row.choice ?? undefined,
    rateLimit:
      row.rate_limit !== null && row.window_seconds !== null
        ? { limit: row.rate_limit, windowSeconds: row.window_seconds }
        : TOOL_CATALOG[tool].rateLimit,
    connections: row.connections.map((c) => ({
      ...c,
      healthChangedAt: new Date(c.healthChangedAt),
      lastFailureAt: date(c.lastFailureAt),
      lastSuccessAt: date(c.lastSuccessAt),
      verifiedAt: date(c.verifiedAt),
      createdAt: new Date(c.createdAt),
    })),
  };
}
