import { entityId } from '@suite/contracts';
import { router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { amendableFields, contractView, toContractView } from './contract.schema';
import { amendContract, signContract } from './contract.service';

const byContract = z.object({ contractId: entityId });

export const contractRouter = router({
  list: staffProcedure
    .meta({ permission: 'psa.contracts.read' })
    .input(z.object({ clientId: entityId }))
    .output(z.array(contractView))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.tenant.transaction((tx) =>
        tx.psaContract.findMany({ where: { clientId: input.clientId }, orderBy: { createdAt: 'asc' } }),
      );
      return rows.map(toContractView);
    }),
  sign: staffProcedure
    .meta({ permission: 'psa.contracts.sign' })
    .input(byContract)
    .output(contractView)
    .mutation(({ ctx, input }) => signContract(ctx.tenant, input.contractId, ctx.user.id)),
  amend: staffProcedure
    .meta({ permission: 'psa.contracts.write' })
    .input(byContract.extend({ changes: amendableFields }))
    .output(contractView)
    .mutation(({ ctx, input }) => amendContract(ctx.tenant, input.contractId, input.changes, ctx.user.id)),
});
