import {
  activityList,
  cursor,
  entityId,
  healthGet,
  pipelineContext,
  psaClientStatus,
  quantity,
  quotesCreate,
  text,
} from '@suite/contracts';
import { z } from 'zod';

export const clientView = z.object({
  id: entityId,
  crmCompanyId: entityId,
  name: z.string(),
  domain: z.string().nullable(),
  status: psaClientStatus,
});

export const contactView = z.object({
  id: entityId,
  crmContactId: entityId,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
});

export const clientStatusInput = z.object({
  clientId: entityId,
  status: psaClientStatus,
  reason: text(500, { min: 1 }).optional(),
});

export const sidebarInput = z.object({
  clientId: entityId,
  activityCursor: cursor.optional(),
  activityLimit: z.number().int().min(1).max(100).default(20),
});

/** CRM's part of the client sidebar (flows 3, 4, 5), or why it is missing. */
export const crmSidebarPart = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    pipeline: pipelineContext.output,
    activity: activityList.output,
    health: healthGet.output,
  }),
  z.object({ available: z.literal(false), message: z.string() }),
]);

export const sidebarView = z.object({
  client: clientView,
  contacts: z.array(contactView),
  openTickets: z.number().int(),
  crm: crmSidebarPart,
});

export const addServiceInput = z.object({
  clientId: entityId,
  serviceCode: text(40, { min: 1 }),
  quantity,
  createQuote: z.boolean().default(true).describe('Also create a CRM quote for the service (flow 6).'),
  note: text(2000).optional(),
});

export const addedServiceView = z.object({
  id: entityId,
  clientId: entityId,
  serviceCode: z.string(),
  quantity: z.number(),
  quote: quotesCreate.output.nullable(),
});

export type ClientView = z.infer<typeof clientView>;
export type ContactView = z.infer<typeof contactView>;
export type ClientStatusInput = z.infer<typeof clientStatusInput>;
export type SidebarInput = z.infer<typeof sidebarInput>;
export type SidebarView = z.infer<typeof sidebarView>;
export type AddServiceInput = z.infer<typeof addServiceInput>;
export type AddedServiceView = z.infer<typeof addedServiceView>;
