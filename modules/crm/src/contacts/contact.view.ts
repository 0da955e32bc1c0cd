import type { crmContact } from '@suite/contracts';
import type { z } from 'zod';
import type { ContactView } from './contact.schema';

interface ContactRow {
  readonly id: string;
  readonly companyId: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly mobile: string | null;
  readonly otherPhones: readonly string[];
  readonly title: string | null;
}

/** A contact as staff see it. */
export function toContactView(
  row: ContactRow & { readonly emailBouncedAt: Date | null; readonly emailBounceReason: string | null },
): ContactView {
  const { id, companyId, name, email, phone, mobile, otherPhones, title } = row;
  const emailBounced = row.emailBouncedAt
    ? { at: row.emailBouncedAt.toISOString(), reason: row.emailBounceReason }
    : null;
  return { id, companyId, name, email, phone, mobile, otherPhones: [...otherPhones], title, emailBounced };
}

/** A contact as CRM's events carry it. */
export function contactPayload(contact: ContactRow): z.infer<typeof crmContact> {
  return {
    contactId: contact.id,
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    title: contact.title,
  };
}
