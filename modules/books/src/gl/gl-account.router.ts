import { booksGlJournal } from '@suite/contracts';
import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import {
  defaultGlAccountInput,
  glAccountCreateInput,
  glAccountList,
  glAccountView,
  glJournalCsvView,
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
import { glJournal, glJournalCsv } from './gl-journal.service';

const read = staffProcedure.meta({ permission: 'books.access' });
const manage = staffProcedure.meta({ permission: 'books.billing.manage' });

export const glRouter = router({
  accounts: read.output(glAccountList).query(inTenant((tx) => listGlAccounts(tx))),
  createAccount: manage.input(glAccountCreateInput).output(glAccountView).mutation(inTenant(createGlAccount)),
  mappings: read.output(mappingsView).query(inTenant((tx) => listMappings(tx))),
  mapItem: manage.input(itemMappingInput).output(itemMappingView).mutation(inTenant(setItemMapping)),
  setDefault: manage
    .input(defaultGlAccountInput)
    .output(mappingsView)
    .mutation(inTenant(setDefaultGlAccount)),
  /** Flow 6: the invoice journal of a period by GL account. */
  journal: staffProcedure
    .meta({ permission: 'books.invoices.read' })
    .input(booksGlJournal.input)
    .output(booksGlJournal.output)
    .query(inTenant(glJournal)),
  journalCsv: staffProcedure
    .meta({ permission: 'books.invoices.read' })
    .input(booksGlJournal.input)
    .output(glJournalCsvView)
    .query(inTenant(glJournalCsv)),
});
