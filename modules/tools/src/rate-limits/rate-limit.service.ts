import type { OrgTransaction } from '@suite/db';
import { CAPABILITIES, type CapabilityName } from '../tools/tool-catalog';

export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** The org's limit for a tool: its own override, else the catalog's default. */
export async function rateLimitFor(tx: OrgTransaction, tool: CapabilityName): Promise<RateLimit> {
  const override = await tx.toolsRateLimit.findFirst({ where: { tool } });
  return override
    ? { limit: override.limit, windowSeconds: override.windowSeconds }
    : CAPABILITIES[tool].rateLimit;
}

export async function setRateLimit(
  tx: OrgTransaction,
  tool: CapabilityName,
  limit: RateLimit,
): Promise<RateLimit> {
  const orgId = await orgOf(tx);
  const row = await tx.toolsRateLimit.upsert({
    where: { orgId_tool: { orgId, tool } },
    create: { tool, ...limit },
    update: limit,
  });
  return { limit: row.limit, windowSeconds: row.windowSeconds };
}

/** The fixed window `now` falls in, and how long until the next one starts. */
export function rateWindow(
  { windowSeconds }: RateLimit,
  now: number,
): { start: Date; retryAfterSeconds: number } {
  const windowMs = windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  return {
    start: new Date(start),
    retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)),
  };
}

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Takes one call from the (org, name) window under the org's limit for `name` (its override, else
 * `fallback`), in one statement. Fixed windows counted in PostgreSQL: the conditional upsert is atomic
 * across processes, so a window never counts more than its limit (decision 0091). A tool call takes its
 * token inside its call gate instead (decision 0092); this is for other named calls (MCP's CRM queries).
 */
export async function consumeRate(
  tx: OrgTransaction,
  name: string,
  fallback: RateLimit,
  now = Date.now(),
): Promise<RateDecision> {
  const [row] = await tx.$queryRaw<{ allowed: boolean; window_seconds: number }[]>`
    WITH chosen AS (
      SELECT COALESCE(o.limit, ${fallback.limit}) AS calls,
             COALESCE(o.window_seconds, ${fallback.windowSeconds}) AS window_seconds
      FROM (SELECT 1) AS one LEFT JOIN tools.rate_limit o ON o.tool = ${name}
    ), token AS (
      INSERT INTO tools.rate_window (org_id, tool, window_start, used)
      SELECT NULLIF(current_setting('app.org_id', true), '')::uuid, ${name},
             to_timestamp(floor(${now / 1000}::float8 / window_seconds) * window_seconds), 1
      FROM chosen
      ON CONFLICT (org_id, tool, window_start) DO UPDATE SET used = tools.rate_window.used + 1
        WHERE tools.rate_window.used < (SELECT calls FROM chosen)
      RETURNING used
    )
    SELECT EXISTS (SELECT 1 FROM token) AS allowed, window_seconds FROM chosen`;
  if (row?.allowed) return { allowed: true };
  const windowSeconds = row?.window_seconds ?? fallback.windowSeconds;
  return {
    allowed: false,
    retryAfterSeconds: rateWindow({ limit: 0, windowSeconds }, now).retryAfterSeconds,
  };
}

/** The org of the transaction (forOrg sets it); tenant rows default to it. */
export async function orgOf(tx: OrgTransaction): Promise<string> {
  const [row] = await tx.$queryRaw<{ org: string }[]>`SELECT current_setting('app.org_id', true) AS org`;
  return row?.org ?? '';
}
