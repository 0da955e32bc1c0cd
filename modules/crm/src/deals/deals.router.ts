import { router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import {
  byDealId,
  dealCreateInput,
  dealListInput,
  dealMoveInput,
  dealUpdateInput,
  dealView,
  dealWinInput,
} from './deal.schema';
import { createDeal, dealInOrg, getDeal, listDeals, updateDeal } from './deal.service';
import { moveDealStage } from './deal-stage.service';
import { winDeal } from './deal-won.service';

const read = staffProcedure.meta({ permission: 'crm.deals.read' });
const write = staffProcedure.meta({ permission: 'crm.deals.write' });

export const dealsRouter = router({
  list: read
    .input(dealListInput)
    .output(z.array(dealView))
    .query(({ ctx, input }) => ctx.tenant.transaction((tx) => listDeals(tx, input))),
  get: read
    .input(byDealId)
    .output(dealView)
    .query(({ ctx, input }) => ctx.tenant.transaction((tx) => getDeal(tx, input.dealId))),
  create: write
    .input(dealCreateInput)
    .output(dealView)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => createDeal(tx, input, ctx.user.id))),
  update: write
    .input(dealUpdateInput)
    .output(dealView)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => updateDeal(tx, input))),
  moveStage: write
    .input(dealMoveInput)
    .output(dealView)
    .mutation(({ ctx, input }) => ctx.tenant.transaction((tx) => moveDealStage(tx, input))),
  /** Flow 2: publishes `crm.deal.won` once; `createProject` = the deal's choice ?? the org default. */
  markWon: write
    .input(dealWinInput)
    .output(dealView)
    .mutation(({ ctx, input }) =>
      ctx.tenant.transaction(async (tx) => {
        await dealInOrg(tx, input.dealId);
        await winDeal(tx, {
          dealId: input.dealId,
          via: 'staff',
          at: new Date(),
          createProject: input.createProject,
        });
        return getDeal(tx, input.dealId);
      }),
    ),
});
