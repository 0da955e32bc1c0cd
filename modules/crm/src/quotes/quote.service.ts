import type { crmLineItem } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { foundInOrg } from '@suite/hub-auth';
import type { z } from 'zod';
import { recordActivity } from '../activity/activity.service';
import { companyInOrg } from '../companies/company.service';
import { lineItemView } from '../deals/deal.view';
import { lineTotals, moneyString } from '../money/money';
import { getSettings, nextQuoteNumber } from '../settings/settings.service';

export interface QuoteRequest {
  readonly companyId: string;
  readonly dealId?: string | undefined;
  readonly lines: readonly z.infer<typeof crmLineItem>[];
  readonly note?: string | undefined;
  readonly requestedBy: string;
  /** `crm` for staff, or the calling product (`psa` from its "Add Service" flow). */
  readonly source: string;
}

const formatNumber = (number: number) => `Q-${String(number).padStart(5, '0')}`;

type QuoteRow = Awaited<ReturnType<OrgTransaction['crmQuote']['findFirstOrThrow']>>;

function quoteView(quote: QuoteRow) {
  return {
    quoteId: quote.id,
    number: formatNumber(quote.number),
    status: quote.status,
    total: moneyString(quote.total),
    recurringTotal: moneyString(quote.recurringTotal),
    currency: quote.currency,
  };
}

/** A draft quote numbered per org, with a timeline entry on the company (flow 6 and staff quotes). */
export async function createQuote(tx: OrgTransaction, request: QuoteRequest) {
  const company = await companyInOrg(tx, request.companyId);
  if (request.dealId)
    foundInOrg(
      await tx.crmDeal.findFirst({
        where: { id: request.dealId, companyId: company.id },
        select: { id: true },
      }),
      `deal ${request.dealId} of company ${company.id}`,
    );
  const quote = await tx.crmQuote.create({
    data: {
      companyId: company.id,
      dealId: request.dealId ?? null,
      number: await nextQuoteNumber(tx),
      currency: (await getSettings(tx)).defaultCurrency,
      ...lineTotals(request.lines),
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

export async function listQuotes(tx: OrgTransaction, companyId: string) {
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
