import {
  compactPage,
  crmDealStage,
  currency,
  entityId,
  healthGet,
  money,
  nextCursor,
  text,
  timestamp,
} from '@suite/contracts';
import { z } from 'zod';

// The assistant's read-only view of CRM: compact rows and pages, so an AI's context stays small.

export const crmSearchInput = z.object({
  query: text(200, { min: 1 }).describe('Part of a company name or domain, or of a contact name or email.'),
  ...compactPage,
});

export const crmSearchView = z.object({
  items: z.array(
    z.object({
      kind: z.enum(['company', 'contact']),
      id: entityId,
      name: z.string(),
      companyId: entityId,
      companyName: z.string(),
      detail: z.string().nullable().describe("A company's status; a contact's title or email."),
    }),
  ),
  nextCursor,
});

const compactDeal = z.object({
  dealId: entityId,
  name: z.string(),
  stage: crmDealStage,
  value: money,
  currency,
  expectedCloseDate: z.iso.date().nullable(),
});

const compactActivity = z.object({ kind: z.string(), title: z.string(), occurredAt: timestamp });

export const companySummaryInput = z.object({ companyId: entityId });

export const companySummaryView = z.object({
  companyId: entityId,
  name: z.string(),
  domain: z.string().nullable(),
  status: z.enum(['prospect', 'active', 'churned', 'inactive']),
  health: healthGet.output.omit({ companyId: true }),
  openDeals: z.array(compactDeal).describe('Up to 10, newest first.'),
  recentActivity: z.array(compactActivity).describe('The last 5 timeline entries.'),
});

export const pipelineInput = z.object({}).default({});

export const pipelineView = z.object({
  stages: z.array(z.object({ stage: crmDealStage, count: z.number().int(), value: money, currency })),
  totals: z.array(z.object({ currency, openDeals: z.number().int(), value: money })),
});

export const closingInput = z.object({ ...compactPage });

export const closingView = z.object({
  month: z.string().describe('YYYY-MM, in UTC.'),
  items: z.array(compactDeal.extend({ companyId: entityId, companyName: z.string() })),
  nextCursor,
});

export const contactTimelineInput = z.object({ contactId: entityId, ...compactPage });

export const contactTimelineView = z.object({
  contact: z.object({
    contactId: entityId,
    name: z.string(),
    title: z.string().nullable(),
    companyId: entityId,
    companyName: z.string(),
  }),
  items: z.array(compactActivity),
  nextCursor,
});

export type CrmSearchInput = z.infer<typeof crmSearchInput>;
export type CrmSearchView = z.infer<typeof crmSearchView>;
export type CompanySummaryInput = z.infer<typeof companySummaryInput>;
export type CompanySummaryView = z.infer<typeof companySummaryView>;
export type PipelineView = z.infer<typeof pipelineView>;
export type ClosingInput = z.infer<typeof closingInput>;
export type ClosingView = z.infer<typeof closingView>;
export type ContactTimelineInput = z.infer<typeof contactTimelineInput>;
export type ContactTimelineView = z.infer<typeof contactTimelineView>;
export type CompactDeal = z.infer<typeof compactDeal>;
