import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { TOOL_NAMES, toolName } from '../tools/tool-catalog';
import { rateLimitFor, setRateLimit } from './rate-limit.service';

const rateLimit = z.object({
  limit: z.number().int().min(1).max(1_000_000),
  windowSeconds: z.number().int().min(1).max(86_400),
});
const toolLimit = rateLimit.extend({ tool: toolName });

/** Per-org rate limits of each tool (the catalog's defaults until an org sets its own). */
export const rateLimitsRouter = router({
  list: staffProcedure
    .meta({ permission: 'tools.connections.read' })
    .output(z.array(toolLimit))
    .query(
      inTenant(async (tx) => {
        const limits = [];
        for (const tool of TOOL_NAMES) limits.push({ tool, ...(await rateLimitFor(tx, tool)) });
        return limits;
      }),
    ),
  set: staffProcedure
    .meta({ permission: 'tools.connections.manage' })
    .input(toolLimit)
    .output(toolLimit)
    .mutation(
      inTenant(async (tx, { tool, ...limit }) => ({ tool, ...(await setRateLimit(tx, tool, limit)) })),
    ),
});
