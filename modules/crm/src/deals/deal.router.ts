import { inTenant, router, staffProcedure } from '@suite/hub-auth';
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
import { createDeal, getDeal, listDeals, updateDeal } from './deal.service';
import { moveDealStage } from './deal-stage.service';
import { markDealWon } from './deal-won.service';

const read = staffProcedure.meta({ permission: 'crm.deals.read' });
const write = staffProcedure.meta({ permission: 'crm.deals.write' });

export const dealRouter = router({
  list: read.input(dealListInput).output(z.array(dealView)).query(inTenant(listDeals)),
  get: read.input(byDealId).output(dealView).query(inTenant(getDeal)),
  create: write.input(dealCreateInput).output(dealView).mutation(inTenant(createDeal)),
  update: write.input(dealUpdateInput).output(dealView).mutation(inTenant(updateDeal)),
  moveStage: write.input(dealMoveInput).output(dealView).mutation(inTenant(moveDealStage)),
  /** Flow 2: publishes `crm.deal.won` once; `createProject` = the deal's choice ?? the org default. */
  markWon: write.input(dealWinInput).output(dealView).mutation(inTenant(markDealWon)),
});
