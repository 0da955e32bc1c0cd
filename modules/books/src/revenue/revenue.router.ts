import { booksRevenueDashboard } from '@suite/contracts';
import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { revenueDashboard } from './revenue-dashboard.service';

export const revenueRouter = router({
  /** Flow 5: CRM's pipeline and won deals beside Books' invoiced, paid, outstanding and MRR figures. */
  dashboard: staffProcedure
    .meta({ permission: 'books.invoices.read' })
    .input(booksRevenueDashboard.input)
    .output(booksRevenueDashboard.output)
    .query(inTenant((tx, input, ctx) => revenueDashboard(tx, input, ctx))),
});
