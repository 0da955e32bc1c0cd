import { activityList, healthGet, pipelineContext, quotesCreate, revenueSummary } from '@suite/contracts';
import { integrationProcedure, router } from '@suite/hub-auth';
import { listCompanyActivity } from './activity/activity.service';
import { getHealth } from './health/health.service';
import { pipelineContext as readPipelineContext } from './pipeline/pipeline-context.service';
import { createQuote } from './quotes/quote.service';
import { revenueSummaryOf } from './revenue/revenue-summary.service';

/**
 * CRM's integration API for sister products (contracts/src/integration/crm.integration.ts), served at
 * /crm/integration with X-Integration-Key; a company of another org answers NOT_FOUND.
 */
export const crmIntegrationRouter = router({
  pipeline: router({
    context: integrationProcedure(pipelineContext.scope)
      .input(pipelineContext.input)
      .output(pipelineContext.output)
      .query(({ ctx, input }) => ctx.tenant.transaction((tx) => readPipelineContext(tx, input.companyId))),
  }),
  activity: router({
    list: integrationProcedure(activityList.scope)
      .input(activityList.input)
      .output(activityList.output)
      .query(({ ctx, input }) => ctx.tenant.transaction((tx) => listCompanyActivity(tx, input))),
  }),
  health: router({
    get: integrationProcedure(healthGet.scope)
      .input(healthGet.input)
      .output(healthGet.output)
      .query(({ ctx, input }) => ctx.tenant.transaction((tx) => getHealth(tx, input.companyId))),
  }),
  quotes: router({
    create: integrationProcedure(quotesCreate.scope)
      .input(quotesCreate.input)
      .output(quotesCreate.output)
      .mutation(({ ctx, input }) =>
        ctx.tenant.transaction((tx) => createQuote(tx, { ...input, source: ctx.caller })),
      ),
  }),
  revenue: router({
    summary: integrationProcedure(revenueSummary.scope)
      .input(revenueSummary.input)
      .output(revenueSummary.output)
      .query(({ ctx, input }) => ctx.tenant.transaction((tx) => revenueSummaryOf(tx, input))),
  }),
});
