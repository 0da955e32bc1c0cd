import { entityId, name, text } from '@suite/contracts';
import { z } from 'zod';

const contactFields = {
  name,
  email: z.email().max(320).nullish(),
  phone: text(50, { min: 1 })
    .nullish()
    .describe('Work number, as typed; stored normalised for call matching.'),
  mobile: text(50, { min: 1 }).nullish(),
  otherPhones: z
    .array(text(50, { min: 1 }))
    .max(5)
    .optional()
    .describe('Further numbers (home, assistant).'),
  title: text(200, { min: 1 }).nullish(),
};

export const contactCreateInput = z.object({ companyId: entityId, ...contactFields });

export const contactUpdateInput = z.object({
  contactId: entityId,
  name: contactFields.name.optional(),
  email: contactFields.email,
  phone: contactFields.phone,
  mobile: contactFields.mobile,
  otherPhones: contactFields.otherPhones,
  title: contactFields.title,
});

export const byContactId = z.object({ contactId: entityId });

export const contactView = z.object({
  id: entityId,
  companyId: entityId,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  otherPhones: z.array(z.string()),
  title: z.string().nullable(),
  emailBounced: z
    .object({ at: z.string(), reason: z.string().nullable() })
    .nullable()
    .describe(
      'The email vendor reported a hard bounce of `email`: mail to it is not delivered. Null otherwise.',
    ),
});

export type ContactCreateInput = z.infer<typeof contactCreateInput>;
export type ContactUpdateInput = z.infer<typeof contactUpdateInput>;
export type ByContactId = z.infer<typeof byContactId>;
export type ContactView = z.infer<typeof contactView>;
