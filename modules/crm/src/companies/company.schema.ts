import { count, entityId, name, text, timestamp } from '@suite/contracts';
import { z } from 'zod';
import { contactView } from '../contacts/contact.schema';

const companyStatus = z.enum(['prospect', 'active', 'churned', 'inactive']);

const domain = text(253)
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'expected a domain like "example.com"');

export const companyCreateInput = z.object({
  name,
  domain: domain.nullish(),
  status: companyStatus.optional(),
});

export const companyUpdateInput = z.object({
  companyId: entityId,
  name: name.optional(),
  domain: domain.nullish(),
  status: companyStatus.optional(),
});

export const companyListInput = z
  .object({ status: companyStatus.optional(), search: text(200, { min: 1 }).optional() })
  .default({});

export const companyPromoteInput = z.object({
  companyId: entityId,
  dealId: entityId
    .optional()
    .describe('Won deal whose terms become the contract; default: the latest won deal.'),
  startDate: z.iso.date().optional(),
  termMonths: count(600).optional(),
});

export const byCompanyId = z.object({ companyId: entityId });

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

export type CompanyCreateInput = z.infer<typeof companyCreateInput>;
export type CompanyUpdateInput = z.infer<typeof companyUpdateInput>;
export type CompanyListInput = z.infer<typeof companyListInput>;
export type CompanyPromoteInput = z.infer<typeof companyPromoteInput>;
export type ByCompanyId = z.infer<typeof byCompanyId>;
export type CompanyView = z.infer<typeof companyView>;
export type CompanyDetailView = z.infer<typeof companyDetailView>;
