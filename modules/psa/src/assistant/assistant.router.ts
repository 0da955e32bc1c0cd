import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import {
  clientContractsInput,
  clientContractsView,
  clientTicketsInput,
  clientTicketsView,
} from './assistant.schema';
import { clientContracts } from './client-contracts.service';
import { clientTickets } from './client-tickets.service';

/** The AI assistant's read-only PSA queries (served to it over MCP), compact and paged. */
export const assistantRouter = router({
  clientTickets: staffProcedure
    .meta({ permission: 'psa.tickets.read' })
    .input(clientTicketsInput)
    .output(clientTicketsView)
    .query(inTenant(clientTickets)),
  clientContracts: staffProcedure
    .meta({ permission: 'psa.contracts.read' })
    .input(clientContractsInput)
    .output(clientContractsView)
    .query(inTenant(clientContracts)),
});
