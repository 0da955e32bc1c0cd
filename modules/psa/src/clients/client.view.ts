import type { Prisma } from '@suite/db';
import type { ClientView, ContactView } from './client.schema';

export function toClientView(row: Prisma.PsaClientGetPayload<object>): ClientView {
  const { id, crmCompanyId, name, domain, status } = row;
  return { id, crmCompanyId, name, domain, status };
}

export function toContactView(row: Prisma.PsaClientContactGetPayload<object>): ContactView {
  const { id, crmContactId, name, email, phone, title } = row;
  return { id, crmContactId, name, email, phone, title };
}
