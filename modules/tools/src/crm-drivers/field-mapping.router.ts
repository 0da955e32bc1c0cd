import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { crmProviderInput, fieldMappingView, saveFieldMappingInput } from './crm-driver.schema';
import { readFieldMapping, saveFieldMapping } from './field-mapping.service';

const manage = staffProcedure.meta({ permission: 'tools.connections.manage' });

/** Settings → Integrations → CRM field mapping: where each canonical field lives at the org's CRM. */
export const fieldMappingRouter = router({
  get: manage.input(crmProviderInput).output(fieldMappingView).query(inTenant(readFieldMapping)),
  save: manage.input(saveFieldMappingInput).output(fieldMappingView).mutation(inTenant(saveFieldMapping)),
});
