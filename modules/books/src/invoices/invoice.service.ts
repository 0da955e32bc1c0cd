import { found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
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

/** The invoice, locked until the caller's transaction ends, so two changes of it apply one at a time. */
type LockedInvoice = Prisma.BooksInvoiceGetPayload<{ include: { billingAccount: true; lines: true } }>;

export async function lockedInvoice(tx: OrgTransaction, invoiceId: string): Promise<LockedInvoice> {
  await tx.$executeRaw`SELECT 1 FROM "books"."invoice" WHERE "id" = ${invoiceId}::uuid FOR UPDATE`;
  return found(
    await tx.booksInvoice.findFirst({
      where: { id: invoiceId },
      include: { billingAccount: true, lines: true },
    }),
    `invoice ${invoiceId}`,
  );
}
