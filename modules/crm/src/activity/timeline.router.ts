import { activityList } from '@suite/contracts';
import { router, staffProcedure } from '@suite/hub-auth';
import { listCompanyActivity } from './activity.service';

export const timelineRouter = router({
  list: staffProcedure
    .meta({ permission: 'crm.companies.read' })
    .input(activityList.input)
    .output(activityList.output)
    .query(({ ctx, input }) => ctx.tenant.transaction((tx) => listCompanyActivity(tx, input))),
});
