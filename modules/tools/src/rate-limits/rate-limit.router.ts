import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { CAPABILITY_NAMES } from '../tools/tool-catalog';
import { toolLimit } from './rate-limit.schema';
import { rateLimitFor, setRateLimit } from './rate-limit.service';

/** Per-org rate limits of each tool (the catalog's defaults until an org sets its own). */
export const rateLimitRouter = router({
  list: staffProcedure
    .meta({ permission: 'tools.connections.read' })
    .output(z.array(toolLimit))
    .query(
      inTenant(async (tx) => {
        const limits = [];
        for (const tool of CAPABILITY_NAMES) limits.push({ tool, ...(await rateLimitFor(tx, tool)) });
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
