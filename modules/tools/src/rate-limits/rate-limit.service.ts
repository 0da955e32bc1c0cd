import type { OrgTransaction } from '@suite/db';
import { TOOL_CATALOG, type ToolName } from '../tools/tool-catalog';

export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

/** The org's limit for a tool: its own override, else the catalog's default. */
export async function rateLimitFor(tx: OrgTransaction, tool: ToolName): Promise<RateLimit> {
  const override = await tx.toolsRateLimit.findFirst({ where: { tool } });
  return override
    ? { limit: override.limit, windowSeconds: override.windowSeconds }
    : TOOL_CATALOG[tool].rateLimit;
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

/** The org of the transaction (forOrg sets it); tenant rows default to it. */
export async function orgOf(tx: OrgTransaction): Promise<string> {
  const [row] = await tx.$queryRaw<{ org: string }[]>`SELECT current_setting('app.org_id', true) AS org`;
  return row?.org ?? '';
}
