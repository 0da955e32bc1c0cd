import { entityId, text } from '@suite/contracts';
import { z } from 'zod';

export const ENDPOINTS_PER_ORG = 5;
/** Every endpoint receives it from the Test button, whatever event types it picked. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const endpointCreateInput = z.object({
  url: text(2000, { min: 1 }).describe('Where to POST; https and public outside development.'),
  eventTypes: z
    .array(text(200, { min: 1 }))
    .min(1)
    .max(200)
    .describe('Bus event types from the catalog.'),
});
export type EndpointCreateInput = z.infer<typeof endpointCreateInput>;

export const endpointUpdateInput = z.object({
  endpointId: entityId,
  url: endpointCreateInput.shape.url.optional(),
  eventTypes: endpointCreateInput.shape.eventTypes.optional(),
});
export type EndpointUpdateInput = z.infer<typeof endpointUpdateInput>;

export const byEndpoint = z.object({ endpointId: entityId });

/** What the Test button answers: the queued message, delivered like any other (see the log). */
export const testSentView = z.object({ messageId: entityId });

/** An event type an endpoint may pick, from the bus catalog. */
export const eventTypeView = z.object({ type: z.string(), description: z.string() });
export type EventTypeView = z.infer<typeof eventTypeView>;

export const endpointView = z.object({
  id: entityId,
  url: z.string(),
  eventTypes: z.array(z.string()),
  status: z.enum(['enabled', 'disabled']),
  disabledReason: z.string().nullable(),
  failingSince: z.string().nullable(),
  createdAt: z.string(),
});
export type EndpointView = z.infer<typeof endpointView>;

/** Shown once, when the endpoint is created or its secret rotated. */
export const endpointSecretView = z.object({ endpoint: endpointView, secret: z.string() });
export type EndpointSecretView = z.infer<typeof endpointSecretView>;

export const attemptView = z.object({
  id: entityId,
  messageId: entityId,
  eventType: z.string(),
  attemptedAt: z.string(),
  status: z.number().int().nullable(),
  latencyMs: z.number().int(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
});
export type AttemptView = z.infer<typeof attemptView>;
