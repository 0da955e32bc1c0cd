import {
  crmCreateRecord,
  crmDeleteRecord,
  crmListRecent,
  crmLookupCustomer,
  crmOrgProvider,
  crmSearchRecords,
  crmTestConnection,
  crmUpdateRecord,
  toolAvailability,
  toolRun,
} from '@suite/contracts';
import { fromContract, inTenant, router } from '@suite/hub-auth';
import {
  createRequestedRecord,
  deleteRequestedRecord,
  listRequestedRecent,
  lookupRequestedCustomer,
  orgCrmProvider,
  searchRequestedRecords,
  testRequestedCrm,
  updateRequestedRecord,
} from './crm-drivers/crm-request.service';
import { toolAvailabilityOf } from './tools/tool-availability.service';
import { runRequestedTool } from './tools/tool-run.service';

/**
 * The tool layer's integration API (contracts/src/integration/tools.integration.ts), served at
 * /tools/integration: a sister product runs a tool for its key's org, never seeing a credential, and
 * reads and writes the org's CRM, whichever it is (docs/decisions/0112).
 */
export const toolsIntegrationRouter = router({
  run: fromContract(toolRun).mutation(inTenant(runRequestedTool)),
  availability: fromContract(toolAvailability).query(inTenant(toolAvailabilityOf)),
  crm: router({
    provider: fromContract(crmOrgProvider).query(inTenant(orgCrmProvider)),
    testConnection: fromContract(crmTestConnection).query(inTenant(testRequestedCrm)),
    lookupCustomer: fromContract(crmLookupCustomer).query(inTenant(lookupRequestedCustomer)),
    searchRecords: fromContract(crmSearchRecords).query(inTenant(searchRequestedRecords)),
    listRecent: fromContract(crmListRecent).query(inTenant(listRequestedRecent)),
    createRecord: fromContract(crmCreateRecord).mutation(inTenant(createRequestedRecord)),
    updateRecord: fromContract(crmUpdateRecord).mutation(inTenant(updateRequestedRecord)),
    deleteRecord: fromContract(crmDeleteRecord).mutation(inTenant(deleteRequestedRecord)),
  }),
});
