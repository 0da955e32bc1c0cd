import type { booksInvoicesList } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import { listInvoices } from './invoice.service';

type IssuedInvoice = z.infer<typeof booksInvoicesList.output>[number];

/** A client's issued invoices, as sister products (the Portal) show them; drafts are Books' own. */
export async function issuedInvoicesOf(
  tx: OrgTransaction,
  input: { companyId: string },
): Promise<IssuedInvoice[]> {
  const invoices = await listInvoices(tx, { crmCompanyId: input.companyId });
  return invoices.flatMap((invoice) =>
    invoice.status === 'draft' || !invoice.number || !invoice.issuedOn || !invoice.dueOn
      ? []
      : [
          {
            invoiceId: invoice.invoiceId,
            number: invoice.number,
            status: invoice.status,
            currency: invoice.currency,
            total: invoice.total,
            outstanding: invoice.outstanding,
            issuedOn: invoice.issuedOn,
            dueOn: invoice.dueOn,
          },
        ],
  );
}
