import { entityId } from '@suite/contracts';
import { z } from 'zod';

const contactFields = {
  name: z.string().trim().min(1),
  email: z.email().nullish(),
  phone: z.string().trim().min(1).nullish(),
  title: z.string().trim().min(1).nullish(),
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
