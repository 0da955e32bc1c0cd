import type { crmLineItem } from '@suite/contracts';
import { formatMoney, found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import type { z } from 'zod';
import { recordActivity } from '../activity/activity.service';
import type { ByCompanyId } from '../companies/company.schema';
import { companyInOrg } from '../companies/company.service';
import { lineItemView } from '../deals/deal.view';
import { getSettings, nextQuoteNumber } from '../settings/setting.service';
import { lineTotals } from './line-total';
import type { QuoteCreateInput, QuoteListView, QuoteView, RequestedQuoteInput } from './quote.schema';

interface QuoteRequest {
  readonly companyId: string;
  readonly dealId?: string | undefined;
  readonly lines: readonly z.infer<typeof crmLineItem>[];
  readonly note?: string | undefined;
  readonly requestedBy: string;
  /** `crm` for staff, or the calling product (`psa` from its "Add Service" flow). */
  readonly source: string;
}

const formatNumber = (number: number) => `Q-${String(number).padStart(5, '0')}`;

export function quoteView(quote: Prisma.CrmQuoteGetPayload<object>): QuoteView {
  return {
    quoteId: quote.id,
    number: formatNumber(quote.number),
    status: quote.status,
    total: formatMoney(quote.total),
    recurringTotal: formatMoney(quote.recurringTotal),
    currency: quote.currency,
  };
}

/** A draft quote numbered per org, with a timeline entry on the company (flow 6 and staff quotes). */
async function createQuote(tx: OrgTransaction, request: QuoteRequest): Promise<QuoteView> {
  const company = await companyInOrg(tx, request.companyId);
  if (request.dealId)
    found(
      await tx.crmDeal.findFirst({
        where: { id: request.dealId, companyId: company.id },
        select: { id: true },
      }),
      `deal ${request.dealId} of company ${company.id}`,
    );
  const totals = lineTotals(request.lines);
  const quote = await tx.crmQuote.create({
    data: {
      companyId: company.id,
      dealId: request.dealId ?? null,
      number: await nextQuoteNumber(tx),
      currency: (await getSettings(tx)).defaultCurrency,
      ...totals,
      note: request.note ?? null,
      requestedBy: request.requestedBy,
      source: request.source,
      lines: { create: request.lines.map((line, position) => ({ ...line, position })) },
    },
  });
  const view = quoteView(quote);
  await recordActivity(tx, {
    companyId: company.id,
    kind: 'quote.created',
    title: `Quote ${view.number} created${request.source === 'crm' ? '' : ` from ${request.source.toUpperCase()}`}`,
    detail: { quoteId: quote.id, number: view.number, total: view.total, requestedBy: request.requestedBy },
    occurredAt: quote.createdAt,
    sourceKey: `quote.created:${quote.id}`,
  });
  return view;
}

/** A quote staff create in CRM. */
export function createStaffQuote(
  tx: OrgTransaction,
  input: QuoteCreateInput,
  staff: { readonly user: { readonly id: string } },
): Promise<QuoteView> {
  return createQuote(tx, { ...input, requestedBy: staff.user.id, source: 'crm' });
}

/** A quote another product asks for (flow 6: PSA's "Add Service"), on behalf of its user. */
export function createRequestedQuote(
  tx: OrgTransaction,
  input: RequestedQuoteInput,
  integration: { readonly caller: string },
): Promise<QuoteView> {
  return createQuote(tx, { ...input, source: integration.caller });
}

export async function listQuotes(tx: OrgTransaction, { companyId }: ByCompanyId): Promise<QuoteListView[]> {
  await companyInOrg(tx, companyId);
  const quotes = await tx.crmQuote.findMany({
    where: { companyId },
    orderBy: { number: 'desc' },
    include: { lines: { orderBy: { position: 'asc' } } },
  });
  return quotes.map((quote) => ({
    ...quoteView(quote),
    dealId: quote.dealId,
    note: quote.note,
    requestedBy: quote.requestedBy,
    source: quote.source,
    createdAt: quote.createdAt.toISOString(),
    lines: quote.lines.map(lineItemView),
  }));
}
