import { entityId } from '@suite/contracts';
import { router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { serviceFields, serviceView, toServiceView } from './service-catalog.schema';
import { archiveService, createService, updateService } from './service-catalog.service';

const byService = z.object({ serviceId: entityId });

export const serviceCatalogRouter = router({
  list: staffProcedure
    .meta({ permission: 'psa.access' })
    .input(z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }))
    .output(z.array(serviceView))
    .query(async ({ ctx, input }) => {
      const where = input.includeArchived ? {} : { archivedAt: null };
      const rows = await ctx.tenant.transaction((tx) =>
        tx.psaService.findMany({ where, orderBy: { code: 'asc' } }),
      );
      return rows.map(toServiceView);
    }),
  create: staffProcedure
    .meta({ permission: 'psa.contracts.write' })
    .input(serviceFields)
    .output(serviceView)
    .mutation(({ ctx, input }) => createService(ctx.tenant, input)),
  update: staffProcedure
    .meta({ permission: 'psa.contracts.write' })
    .input(byService.extend({ changes: serviceFields.omit({ code: true }).partial() }))
    .output(serviceView)
    .mutation(({ ctx, input }) => updateService(ctx.tenant, input.serviceId, input.changes)),
  archive: staffProcedure
    .meta({ permission: 'psa.contracts.write' })
    .input(byService)
    .output(serviceView)
    .mutation(({ ctx, input }) => archiveService(ctx.tenant, input.serviceId)),
});
