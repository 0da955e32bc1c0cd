import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { byContractId, contractListInput, contractReviseInput, contractView } from './contract.schema';
import { getContract, listContracts } from './contract.service';
import { activateContract } from './contract-activation.service';
import { reviseContract } from './contract-version.service';

const read = staffProcedure.meta({ permission: 'books.invoices.read' });
const manage = staffProcedure.meta({ permission: 'books.billing.manage' });

export const contractRouter = router({
  list: read.input(contractListInput).output(z.array(contractView)).query(inTenant(listContracts)),
  get: read
    .input(byContractId)
    .output(contractView)
    .query(inTenant((tx, input) => getContract(tx, input.contractId))),
  /** Flow 1: a person approves the draft set up from a won deal. */
  approve: manage
    .input(byContractId)
    .output(contractView)
    .mutation(inTenant((tx, input, ctx) => activateContract(tx, input.contractId, ctx.user.id))),
  /** Flow 2: a new version from its effective date. */
  revise: manage
    .input(contractReviseInput)
    .output(contractView)
    .mutation(inTenant((tx, input, ctx) => reviseContract(tx, input, ctx.user.id))),
});
