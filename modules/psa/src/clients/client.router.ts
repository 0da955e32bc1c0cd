import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { addServiceToClient } from './add-service.service';
import {
  addedServiceView,
  addServiceInput,
  clientStatusInput,
  clientView,
  sidebarInput,
  sidebarView,
} from './client.schema';
import { listClients } from './client.service';
import { clientSidebar } from './client-sidebar.service';
import { changeClientStatus } from './client-status.service';

const read = staffProcedure.meta({ permission: 'psa.access' });
const write = staffProcedure.meta({ permission: 'psa.clients.write' });

export const clientRouter = router({
  list: read.output(z.array(clientView)).query(inTenant(listClients)),
  sidebar: read.input(sidebarInput).output(sidebarView).query(inTenant(clientSidebar)),
  setStatus: write.input(clientStatusInput).output(clientView).mutation(inTenant(changeClientStatus)),
  addService: write.input(addServiceInput).output(addedServiceView).mutation(inTenant(addServiceToClient)),
});
