import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import {
  defaultGlAccountInput,
  glAccountCreateInput,
  glAccountView,
  itemMappingInput,
  itemMappingView,
  mappingsView,
} from './gl-account.schema';
import {
  createGlAccount,
  listGlAccounts,
  listMappings,
  setDefaultGlAccount,
  setItemMapping,
} from './gl-account.service';

const read = staffProcedure.meta({ permission: 'books.access' });
const manage = staffProcedure.meta({ permission: 'books.billing.manage' });

export const glRouter = router({
  accounts: read.output(z.array(glAccountView)).query(inTenant((tx) => listGlAccounts(tx))),
  createAccount: manage.input(glAccountCreateInput).output(glAccountView).mutation(inTenant(createGlAccount)),
  mappings: read.output(mappingsView).query(inTenant((tx) => listMappings(tx))),
  mapItem: manage.input(itemMappingInput).output(itemMappingView).mutation(inTenant(setItemMapping)),
  setDefault: manage
    .input(defaultGlAccountInput)
    .output(mappingsView)
    .mutation(inTenant(setDefaultGlAccount)),
});
