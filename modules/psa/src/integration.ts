import { psaTicketsCreate, psaTicketsList } from '@suite/contracts';
import { fromContract, inTenant, router } from '@suite/hub-auth';
import { companyTickets, openCompanyTicket } from './tickets/ticket-integration.service';

/**
 * PSA's integration API for sister products, each procedure as its contract in
 * contracts/src/integration/psa.integration.ts states it; served at /psa/integration with
 * X-Integration-Key.
 */
export const psaIntegrationRouter = router({
  tickets: router({
    list: fromContract(psaTicketsList).query(inTenant(companyTickets)),
    create: fromContract(psaTicketsCreate).mutation(inTenant(openCompanyTicket)),
  }),
});
