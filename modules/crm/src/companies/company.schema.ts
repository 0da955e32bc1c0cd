import { entityId, timestamp } from '@suite/contracts';
import { z } from 'zod';

const companyStatus = z.enum(['prospect', 'active', 'churned', 'inactive']);

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'expected a domain like "example.com"');

export const companyCreateInput = z.object({
  name: z.string().trim().min(1),
  domain: domain.nullish(),
  status: companyStatus.optional(),
});

export const companyUpdateInput = z.object({
  companyId: entityId,
  name: z.string().trim().min(1).optional(),
  domain: domain.nullish(),
  status: companyStatus.optional(),
});

export const companyListInput = z
  .object({ status: companyStatus.optional(), search: z.string().trim().min(1).optional() })
  .default({});

export const companyPromoteInput = z.object({
  companyId: entityId,
  dealId: entityId
    .optional()
    .describe('Won deal whose terms become the contract; default: the latest won deal.'),
  startDate: z.iso.date().optional(),
  termMonths: z.number().int().positive().optional(),
});

export const byCompanyId = z.object({ companyId: entityId });

export const contactView = z.object({
  id: entityId,
  companyId: entityId,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
});

export const companyView = z.object({
  id: entityId,
  name: z.string(),
  domain: z.string().nullable(),
  status: companyStatus,
  promotedAt: timestamp.nullable(),
  healthScore: z.number().int().nullable(),
  createdAt: timestamp,
});

export const companyDetailView = companyView.extend({ contacts: z.array(contactView) });
