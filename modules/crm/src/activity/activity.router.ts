import { activityList } from '@suite/contracts';
import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { listCompanyActivity } from './activity.service';

/** The company timeline, as staff see it (`timeline.list`). */
export const activityRouter = router({
  list: staffProcedure
    .meta({ permission: 'crm.companies.read' })
    .input(activityList.input)
    .output(activityList.output)
    .query(inTenant(listCompanyActivity)),
});
