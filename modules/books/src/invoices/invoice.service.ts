import { found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import type { InvoiceView, invoiceListInput } from './invoice.schema';
import { invoiceInclude, invoiceView } from './invoice.view';

export async function getInvoice(tx: OrgTransaction, invoiceId: string): Promise<InvoiceView> {
  return invoiceView(
    found(
      await tx.booksInvoice.findFirst({ where: { id: invoiceId }, include: invoiceInclude }),
      `invoice ${invoiceId}`,
    ),
  );
}

export async function listInvoices(
  tx: OrgTransaction,
  filter: z.infer<typeof invoiceListInput>,
): Promise<InvoiceView[]> {
  const rows = await tx.booksInvoice.findMany({
    where: {
      ...(filter.status && { status: filter.status }),
      ...(filter.contractId && { contractId: filter.contractId }),
      ...(filter.crmCompanyId && { billingAccount: { crmCompanyId: filter.crmCompanyId } }),
    },
    include: invoiceInclude,
    orderBy: [{ number: 'asc' }, { createdAt: 'asc' }],
    take: 1000,
  });
  return rows.map(invoiceView);
}
