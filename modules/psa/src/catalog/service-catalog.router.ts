import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import {
  byServiceId,
  serviceFields,
  serviceListInput,
  serviceUpdateInput,
  serviceView,
} from './service-catalog.schema';
import { archiveService, createService, listServices, updateService } from './service-catalog.service';

const write = staffProcedure.meta({ permission: 'psa.contracts.write' });

export const serviceCatalogRouter = router({
  list: staffProcedure
    .meta({ permission: 'psa.access' })
    .input(serviceListInput)
    .output(z.array(serviceView))
    .query(inTenant(listServices)),
  create: write.input(serviceFields).output(serviceView).mutation(inTenant(createService)),
  update: write.input(serviceUpdateInput).output(serviceView).mutation(inTenant(updateService)),
  archive: write.input(byServiceId).output(serviceView).mutation(inTenant(archiveService)),
});
