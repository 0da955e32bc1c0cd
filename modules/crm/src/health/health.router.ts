import { healthGet } from '@suite/contracts';
import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { byCompanyId } from '../companies/company.schema';
import { getHealth } from './health.service';

export const healthRouter = router({
  get: staffProcedure
    .meta({ permission: 'crm.companies.read' })
    .input(byCompanyId)
    .output(healthGet.output)
    .query(inTenant(getHealth)),
});
