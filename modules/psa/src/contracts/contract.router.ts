import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { byContractId, contractAmendInput, contractListInput, contractView } from './contract.schema';
import { amendContract, listContracts, signContract } from './contract.service';

export const contractRouter = router({
  list: staffProcedure
    .meta({ permission: 'psa.contracts.read' })
    .input(contractListInput)
    .output(z.array(contractView))
    .query(inTenant(listContracts)),
  sign: staffProcedure
    .meta({ permission: 'psa.contracts.sign' })
    .input(byContractId)
    .output(contractView)
    .mutation(inTenant(signContract)),
  amend: staffProcedure
    .meta({ permission: 'psa.contracts.write' })
    .input(contractAmendInput)
    .output(contractView)
    .mutation(inTenant(amendContract)),
});
