import { entityId, psaClientStatus } from '@suite/contracts';
import { router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { addedServiceView, addServiceInput, addServiceToClient } from './add-service.service';
import { clientView, toClientView } from './client.schema';
import { clientSidebar, sidebarInput, sidebarView } from './client-sidebar.service';
import { changeClientStatus } from './client-status.service';

export const clientRouter = router({
  list: staffProcedure
    .meta({ permission: 'psa.access' })
    .output(z.array(clientView))
    .query(async ({ ctx }) => {
      const rows = await ctx.tenant.transaction((tx) => tx.psaClient.findMany({ orderBy: { name: 'asc' } }));
      return rows.map(toClientView);
    }),
  sidebar: staffProcedure
    .meta({ permission: 'psa.access' })
    .input(sidebarInput)
    .output(sidebarView)
    .query(({ ctx, input }) => clientSidebar(ctx.tenant, ctx.integrations, input)),
  setStatus: staffProcedure
    .meta({ permission: 'psa.clients.write' })
    .input(
      z.object({
        clientId: entityId,
        status: psaClientStatus,
        reason: z.string().trim().min(1).max(500).optional(),
      }),
    )
    .output(clientView)
    .mutation(({ ctx, input }) => changeClientStatus(ctx.tenant, input)),
  addService: staffProcedure
    .meta({ permission: 'psa.clients.write' })
    .input(addServiceInput)
    .output(addedServiceView)
    .mutation(({ ctx, input }) => addServiceToClient(ctx.tenant, ctx.integrations, input, ctx.user.id)),
});
