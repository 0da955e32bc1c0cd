import { entityId, name, text } from '@suite/contracts';
import { z } from 'zod';

const contactFields = {
  name,
  email: z.email().max(320).nullish(),
  phone: text(50, { min: 1 }).nullish(),
  title: text(200, { min: 1 }).nullish(),
};

export const contactCreateInput = z.object({ companyId: entityId, ...contactFields });

export const contactUpdateInput = z.object({
  contactId: entityId,
  name: contactFields.name.optional(),
  email: contactFields.email,
  phone: contactFields.phone,
  title: contactFields.title,
});

export const byContactId = z.object({ contactId: entityId });

export const contactView = z.object({
  id: entityId,
  companyId: entityId,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
});

export type ContactCreateInput = z.infer<typeof contactCreateInput>;
export type ContactUpdateInput = z.infer<typeof contactUpdateInput>;
export type ByContactId = z.infer<typeof byContactId>;
export type ContactView = z.infer<typeof contactView>;
