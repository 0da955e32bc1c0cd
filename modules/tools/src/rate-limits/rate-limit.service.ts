import type { OrgTransaction } from '@suite/db';
import { TOOL_CATALOG, type ToolName } from '../tools/tool-catalog';

export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** The org's limit for a tool: its own override, else the catalog's default. */
export function rateLimitFor(tx: OrgTransaction, tool: ToolName): Promise<RateLimit> {
  return limitOf(tx, tool, TOOL_CATALOG[tool].rateLimit);
}

/** The org's limit for any named call (the MCP server's CRM queries too): its override, else `fallback`. */
export async function limitOf(tx: OrgTransaction, name: string, fallback: RateLimit): Promise<RateLimit> {
  const override = await tx.toolsRateLimit.findFirst({ where: { tool: name } });
  return override ? { limit: override.limit, windowSeconds: override.windowSeconds } : fallback;
}

export async function setRateLimit(tx: OrgTransaction, tool: ToolName, limit: RateLimit): Promise<RateLimit> {
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
 * Takes one call from the (org, name) window, fixed windows counted in PostgreSQL: the conditional
 * upsert is atomic across processes, so a window never counts more than its limit (decision 0091). A
 * tool call takes its token inside its call gate instead (decision 0092); this is for other named calls.
 */
export async function consumeRate(
  tx: OrgTransaction,
  name: string,
  limit: RateLimit,
  now = Date.now(),
): Promise<RateDecision> {
  const window = rateWindow(limit, now);
  const rows = await tx.$queryRaw<{ used: number }[]>`
    INSERT INTO tools.rate_window (org_id, tool, window_start, used) VALUES (DEFAULT, ${name}, ${window.start}, 1)
    ON CONFLICT (org_id, tool, window_start) DO UPDATE SET used = tools.rate_window.used + 1
      WHERE tools.rate_window.used < ${limit.limit}
    RETURNING used`;
  return rows.length > 0
    ? { allowed: true }
    : { allowed: false, retryAfterSeconds: window.retryAfterSeconds };
}

/** The org of the transaction (forOrg sets it); tenant rows default to it. */
export async function orgOf(tx: OrgTransaction): Promise<string> {
  const [row] = await tx.$queryRaw<{ org: string }[]>`SELECT current_setting('app.org_id', true) AS org`;
  return row?.org ?? '';
}
