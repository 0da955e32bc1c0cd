import { z } from 'zod';
import { currency, entityId, money } from '../events/shared-scalars';

// Books' integration API (served at /books/integration, X-Integration-Key). Each procedure's scope is
// `books:<procedure>`. Clients are addressed by CRM company id.

export const booksInvoicesList = {
  scope: 'books:invoices.list',
  input: z.object({ companyId: entityId }),
  output: z.array(
    z.object({
      invoiceId: entityId,
      number: z.string(),
      status: z.enum(['finalized', 'paid', 'void']),
      currency,
      total: money,
      outstanding: money,
      issuedOn: z.iso.date(),
      dueOn: z.iso.date(),
    }),
  ),
} as const;

/** Every Books integration procedure, by tRPC path. */
export const booksIntegrationApi = {
  'invoices.list': booksInvoicesList,
} as const;
