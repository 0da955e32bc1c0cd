import { router } from '@suite/hub-auth';
import { connectionsRouter } from './connections/connections.router';
import { notificationsRouter } from './health/notifications.router';
import { rateLimitsRouter } from './rate-limits/rate-limits.router';
import { runsRouter } from './runs/runs.router';
import { toolRouter } from './tools/tool.router';

/** The tool layer's staff procedures, served at /tools/trpc (Hub session + permission). */
export const toolsAppRouter = router({
  connections: connectionsRouter,
  runs: runsRouter,
  notifications: notificationsRouter,
  rateLimits: rateLimitsRouter,
  tools: toolRouter,
});
