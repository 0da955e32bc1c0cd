import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { byContactId, contactCreateInput, contactUpdateInput, contactView } from './contact.schema';
import { createContact, removeContact, updateContact } from './contact.service';

const write = staffProcedure.meta({ permission: 'crm.companies.write' });

/** Changes to contacts of a promoted company publish `crm.company.contact_changed`. */
export const contactRouter = router({
  create: write.input(contactCreateInput).output(contactView).mutation(inTenant(createContact)),
  update: write.input(contactUpdateInput).output(contactView).mutation(inTenant(updateContact)),
  remove: write.input(byContactId).output(byContactId).mutation(inTenant(removeContact)),
});
