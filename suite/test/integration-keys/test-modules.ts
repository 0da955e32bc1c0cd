import { defineModule, found } from '@suite/contracts';
import { integrationProcedure, router } from '@suite/hub-auth';
import { z } from 'zod';

/** A stand-in for CRM's integration API: just enough procedures to exercise every key rule. */
export const crmTestRouter = router({
  pipeline: router({
    context: integrationProcedure('crm:pipeline.context').query(({ ctx }) => ({
      orgId: ctx.orgId,
      caller: ctx.caller,
    })),
  }),
  activity: router({
    list: integrationProcedure('crm:activity.list').query(() => ['called', 'emailed']),
  }),
  /** The 404 rule: another org's row is invisible through the tenant client, so it is "not found". */
  audit: router({
    entry: integrationProcedure('crm:audit.entry')
      .input(z.object({ id: z.uuid() }))
      .query(async ({ ctx, input }) => {
        const entry = await ctx.tenant.transaction((tx) =>
          tx.auditLogEntry.findUnique({ where: { id: input.id }, select: { id: true, action: true } }),
        );
        return found(entry, `audit entry ${input.id}`);
      }),
  }),
});

export type CrmTestRouter = typeof crmTestRouter;

export const crmTestModule = defineModule({ name: 'crm', integrationRouter: crmTestRouter });

/** A second module in the same process, so the suite provisions keys for calls between them. */
export const psaTestModule = defineModule({
  name: 'psa',
  integrationRouter: router({ ping: integrationProcedure('psa:ping').query(() => 'pong') }),
});
