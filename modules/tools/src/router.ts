import { router } from '@suite/hub-auth';
import { connectionRouter } from './connections/connection.router';
import { fieldMappingRouter } from './crm-drivers/field-mapping.router';
import { emailSyncRouter } from './email-sync/email-sync.router';
import { notificationRouter } from './health/notification.router';
import { rateLimitRouter } from './rate-limits/rate-limit.router';
import { runRouter } from './runs/run.router';
import { toolRouter } from './tools/tool.router';
import { endpointRouter } from './webhook-endpoints/endpoint.router';

/** The tool layer's staff procedures, served at /tools/trpc (Hub session + permission). */
export const toolsAppRouter = router({
  connections: connectionRouter,
  runs: runRouter,
  notifications: notificationRouter,
  rateLimits: rateLimitRouter,
  tools: toolRouter,
  crmFieldMappings: fieldMappingRouter,
  emailSync: emailSyncRouter,
  webhookEndpoints: endpointRouter,
});
