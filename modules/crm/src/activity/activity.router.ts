import { activityList } from '@suite/contracts';
import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { activityItemView, activityLogInput } from './activity.schema';
import { listCompanyActivity, logActivity } from './activity.service';

/** The company timeline, as staff see it (`timeline.list`), and what staff log on it. */
export const activityRouter = router({
  list: staffProcedure
    .meta({ permission: 'crm.companies.read' })
    .input(activityList.input)
    .output(activityList.output)
    .query(inTenant(listCompanyActivity)),
  /** A note, call, email or meeting, optionally about one contact (the contact's timeline). */
  log: staffProcedure
    .meta({ permission: 'crm.companies.write' })
    .input(activityLogInput)
    .output(activityItemView)
    .mutation(inTenant(logActivity)),
});
