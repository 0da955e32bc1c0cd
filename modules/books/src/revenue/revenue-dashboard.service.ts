import type { booksRevenueDashboard } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import type { z } from 'zod';
import { crmClient } from '../crm/crm.client';
import { outstandingMinor } from '../invoices/invoice.view';
import { fromMinor } from '../money/money';

type DashboardInput = z.infer<typeof booksRevenueDashboard.input>;
type Dashboard = z.infer<typeof booksRevenueDashboard.output>;
type CurrencyFigures = Dashboard['books'][number];

const FIGURES = ['invoiced', 'paid', 'outstanding', 'overdue', 'mrrBilled', 'churnedMrr'] as const;
type Figure = (typeof FIGURES)[number];

/** The caller's way to CRM: an org's integration clients (staff and integration contexts both have them). */
export interface CrmAccess {
  readonly orgId: string;
  readonly integrations: IntegrationClients;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function crmFigures(crm: CrmAccess, input: DashboardInput): Promise<Dashboard['crm']> {
  try {
    const summary = await crmClient(crm.integrations, crm.orgId).revenue.summary.query(input);
    return { available: true, ...summary };
  } catch (error) {
    return { available: false, message: `CRM unavailable: ${(error as Error).message}` };
  }
}

/**
 * Flow 5: the combined revenue dashboard for a period (UTC days, inclusive), for one company or all.
 * CRM's figures come through CRM's integration API; Books' are summed in minor units per currency,
 * from the same invoice rows `invoices.list` shows, so they reconcile with the invoices.
 */
export async function revenueDashboard(
  tx: OrgTransaction,
  input: DashboardInput,
  crm: CrmAccess,
): Promise<Dashboard> {
  const from = day(input.from);
  const end = day(input.to);
  const account = input.companyId ? { billingAccount: { crmCompanyId: input.companyId } } : {};
  const issued = await tx.booksInvoice.findMany({
    where: { ...account, status: { in: ['finalized', 'paid'] }, issuedOn: { lte: end } },
    include: { lines: { include: { contractLine: { select: { cadence: true } } } } },
  });
  const payments = await tx.booksPaymentAllocation.findMany({
    where: { payment: { receivedOn: { gte: from, lte: end }, ...account } },
    include: { payment: { select: { currency: true } } },
  });
  const churned = await tx.booksContract.findMany({
    where: { ...account, status: 'ended', endedAt: { gte: from, lt: new Date(end.getTime() + 86_400_000) } },
  });

  const sums = new Map<string, Record<Figure, bigint> & { invoiceCount: number }>();
  const of = (currency: string) => {
    let entry = sums.get(currency);
    if (!entry) {
      entry = {
        invoiceCount: 0,
        invoiced: 0n,
        paid: 0n,
        outstanding: 0n,
        overdue: 0n,
        mrrBilled: 0n,
        churnedMrr: 0n,
      };
      sums.set(currency, entry);
    }
    return entry;
  };
  for (const invoice of issued) {
    const entry = of(invoice.currency);
    const owed = outstandingMinor(invoice);
    entry.outstanding += owed;
    if (invoice.dueOn && invoice.dueOn < end) entry.overdue += owed;
    if (!invoice.issuedOn || invoice.issuedOn < from) continue;
    entry.invoiceCount += 1;
    entry.invoiced += invoice.totalMinor;
    for (const line of invoice.lines)
      if (line.contractLine && line.contractLine.cadence !== 'one_off') entry.mrrBilled += line.amountMinor;
  }
  for (const allocation of payments) of(allocation.payment.currency).paid += allocation.amountMinor;
  for (const contract of churned) of(contract.currency).churnedMrr += contract.mrrMinor;

  const books = [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, entry]): CurrencyFigures => {
      const figures = Object.fromEntries(FIGURES.map((name) => [name, fromMinor(entry[name], currency)]));
      return { currency, invoiceCount: entry.invoiceCount, ...(figures as Record<Figure, string>) };
    });
  return { crm: await crmFigures(crm, input), books };
}
