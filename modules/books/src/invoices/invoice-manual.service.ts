import { publish } from '@suite/bus';
import { conflict, found, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { glAccountInOrg, resolveGlAccountId } from '../gl/gl-account.service';
import { decimalQuantity, lineAmount, lineTax, scaledQuantity, toMinor } from '../money/money';
import { nextNumber } from '../settings/settings.service';
import { addDays, dayOf } from './billing-period';
import type { InvoiceCreateInput, InvoiceView } from './invoice.schema';
import { getInvoice, lockedInvoice } from './invoice.service';
import { finalizedEvent, invoiceTotals } from './invoice-finalize.service';

/**
 * A manual invoice (a one-off job, hardware sold), as a draft: each line priced and taxed as the billing
 * run does, rounded per line, its GL account snapshotted. An item without a GL account is refused, never
 * posted to none. The idempotency key makes a retried request one draft.
 */
export async function createManualInvoice(
  tx: OrgTransaction,
  input: InvoiceCreateInput,
): Promise<InvoiceView> {
  const repeated = await tx.booksInvoice.findFirst({ where: { idempotencyKey: input.idempotencyKey } });
  if (repeated) return getInvoice(tx, repeated.id);
  const account = found(
    await tx.booksBillingAccount.findFirst({ where: { crmCompanyId: input.crmCompanyId } }),
    `billing account of company ${input.crmCompanyId}`,
  );
  const today = dayOf(new Date());
  const lines = [];
  for (const [index, line] of input.lines.entries()) {
    const field = (name: string) => `lines.${index}.${name}`;
    const quantity = scaledQuantity(line.quantity, field('quantity'));
    const unitPriceMinor = toMinor(line.unitPrice, input.currency, field('unitPrice'));
    if (unitPriceMinor < 0n)
      throw invalid(
        `${field('unitPrice')}: unit prices are 0 or more; correct with a credit note`,
        field('unitPrice'),
      );
    const amountMinor = lineAmount(quantity, unitPriceMinor, 1, 1, field('unitPrice'));
    const glAccountId = await resolveGlAccountId(tx, line.itemCode);
    if (!glAccountId)
      throw invalid(
        `${field('itemCode')}: ${line.itemCode} maps to no GL account and the org has no default; map it (gl.mapItem) or set a default (gl.setDefault) first`,
        field('itemCode'),
      );
    const gl = await glAccountInOrg(tx, glAccountId);
    lines.push({
      position: index,
      periodStart: today,
      periodEnd: today,
      daysBilled: 1,
      daysInPeriod: 1,
      itemCode: line.itemCode,
      description: line.description,
      quantity: decimalQuantity(quantity),
      unitPriceMinor,
      amountMinor,
      taxRateBp: account.taxRateBp,
      taxMinor: lineTax(amountMinor, account.taxRateBp),
      currency: input.currency,
      glAccountId: gl.id,
      glAccountCode: gl.code,
      glAccountName: gl.name,
    });
  }
  const invoice = await tx.booksInvoice.create({
    data: {
      billingAccountId: account.id,
      currency: input.currency,
      status: 'draft',
      ...invoiceTotals(input.currency, lines),
      idempotencyKey: input.idempotencyKey,
      lines: { createMany: { data: lines } },
    },
  });
  return getInvoice(tx, invoice.id);
}

/** draft → finalized: the next gapless number, issued today, due after the account's terms. Again is a no-op. */
export async function finalizeManualInvoice(tx: OrgTransaction, invoiceId: string): Promise<InvoiceView> {
  const invoice = await lockedInvoice(tx, invoiceId);
  if (invoice.status !== 'draft') {
    if (invoice.status === 'finalized' || invoice.status === 'paid') return getInvoice(tx, invoiceId);
    throw conflict(`invoice ${invoiceId} is ${invoice.status}; only a draft is finalized`);
  }
  const number = await nextNumber(tx, 'invoice');
  const issuedOn = dayOf(new Date());
  const dueOn = addDays(issuedOn, invoice.billingAccount.paymentTermsDays);
  const finalizedAt = new Date();
  await tx.booksInvoice.update({
    where: { id: invoiceId },
    data: { status: 'finalized', number, issuedOn, dueOn, finalizedAt },
  });
  await publish(tx, finalizedEvent({ ...invoice, invoiceId, number, issuedOn, dueOn, finalizedAt }));
  return getInvoice(tx, invoiceId);
}

/**
 * Voids an invoice issued in error. A draft simply goes; a finalized one keeps its number (the series
 * stays gapless) and owes nothing. One that was paid or credited in part is refused: correct it with a
 * credit note instead.
 */
export async function voidInvoice(tx: OrgTransaction, invoiceId: string): Promise<InvoiceView> {
  const invoice = await lockedInvoice(tx, invoiceId);
  if (invoice.status === 'void') return getInvoice(tx, invoice.id);
  if (invoice.status === 'paid' || invoice.paidMinor > 0n || invoice.creditedMinor > 0n)
    throw conflict(
      `invoice ${invoice.id} has payments or credit notes against it; issue a credit note (invoices.credit) instead of voiding it`,
    );
  await tx.booksInvoice.update({ where: { id: invoice.id }, data: { status: 'void', voidedAt: new Date() } });
  return getInvoice(tx, invoice.id);
}
