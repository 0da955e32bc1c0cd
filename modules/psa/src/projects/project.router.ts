import { currency, entityId, money as moneySchema } from '@suite/contracts';
import { router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { money } from '../money';

const projectView = z.object({
  id: entityId,
  crmDealId: entityId,
  crmCompanyId: entityId,
  name: z.string(),
  value: moneySchema,
  recurringRevenue: moneySchema,
  currency,
});

export const projectRouter = router({
  list: staffProcedure
    .meta({ permission: 'psa.projects.read' })
    .output(z.array(projectView))
    .query(async ({ ctx }) => {
      const rows = await ctx.tenant.transaction((tx) =>
        tx.psaProject.findMany({ orderBy: { createdAt: 'desc' } }),
      );
      return rows.map((row) => ({
        id: row.id,
        crmDealId: row.crmDealId,
        crmCompanyId: row.crmCompanyId,
        name: row.name,
        value: money(row.value),
        recurringRevenue: money(row.recurringRevenue),
        currency: row.currency,
      }));
    }),
});
