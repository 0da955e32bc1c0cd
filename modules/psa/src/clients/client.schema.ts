import { entityId, psaClientStatus } from '@suite/contracts';
import type { Prisma } from '@suite/db';
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

export function toClientView(row: Prisma.PsaClientGetPayload<object>): z.infer<typeof clientView> {
  const { id, crmCompanyId, name, domain, status } = row;
  return { id, crmCompanyId, name, domain, status };
}

export function toContactView(row: Prisma.PsaClientContactGetPayload<object>): z.infer<typeof contactView> {
  const { id, crmContactId, name, email, phone, title } = row;
  return { id, crmContactId, name, email, phone, title };
}
