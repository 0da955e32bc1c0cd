import { router } from '@suite/hub-auth';
import { assistantRouter } from './assistant/assistant.router';
import { serviceCatalogRouter } from './catalog/service-catalog.router';
import { clientRouter } from './clients/client.router';
import { contractRouter } from './contracts/contract.router';
import { csatRouter } from './csat/csat.router';
import { projectRouter } from './projects/project.router';
import { ticketRouter } from './tickets/ticket.router';

/** PSA's staff API at /psa/trpc (Hub session; each procedure names its permission). */
export const psaAppRouter = router({
  clients: clientRouter,
  contracts: contractRouter,
  projects: projectRouter,
  services: serviceCatalogRouter,
  tickets: ticketRouter,
  csat: csatRouter,
  assistant: assistantRouter,
});
