import { router, staffProcedure } from '@suite/hub-auth';
import { contactView } from '../companies/company.schema';
import { byContactId, contactCreateInput, contactUpdateInput } from './contact.schema';
import { createContact, removeContact, updateContact } from './contact.service';

const write = staffProcedure.meta({ permission: 'crm.companies.write' });

/** Changes to contacts of a promoted company publish `crm.company.contact_changed`. */
export const contactsRouter = router({
  create: write
    .input(contactCreateInput)
    .output(contactView)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => createContact(tx, input))),
  update: write
    .input(contactUpdateInput)
    .output(contactView)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => updateContact(tx, input))),
  remove: write
    .input(byContactId)
    .output(byContactId)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => removeContact(tx, input.contactId))),
});
