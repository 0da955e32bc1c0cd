import type { EventData, portalQuoteAccepted, quotesGet } from '@suite/contracts';
import { found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';
import { lineItemView } from '../deals/deal.view';
import { winDeal } from '../deals/deal-won.service';
import { getSettings } from '../settings/setting.service';
import { quoteView } from './quote.service';

type SharedQuote = z.infer<typeof quotesGet.output>;
type QuoteResponse = EventData<typeof portalQuoteAccepted>;

/** A quote's fixed content, for the portal to snapshot when staff share it. */
export async function getQuoteForShare(
  tx: OrgTransaction,
  { quoteId }: z.infer<typeof quotesGet.input>,
): Promise<SharedQuote> {
  const quote = found(
    await tx.crmQuote.findFirst({
      where: { id: quoteId },
      include: { lines: { orderBy: { position: 'asc' } }, company: { select: { name: true } } },
    }),
    `quote ${quoteId}`,
  );
  return {
    ...quoteView(quote),
    companyId: quote.companyId,
    companyName: quote.company.name,
    dealId: quote.dealId,
    note: quote.note,
    createdAt: quote.createdAt.toISOString(),
    lines: quote.lines.map(lineItemView),
  };
}

/**
 * A client's answer in the portal: the quote takes it, and an acceptance wins the quote's deal when
 * the org's `winDealOnQuoteAccept` says so. The event id keeps a redelivery from recording it twice.
 */
export async function recordQuoteResponse(
  tx: OrgTransaction,
  response: QuoteResponse,
  event: { readonly id: string; readonly type: string; readonly traceparent: string },
): Promise<void> {
  const company = await companyOfEvent(tx, response.companyId, event.type);
  const accepted = event.type === 'portal.quote.accepted';
  const quote = await tx.crmQuote.findFirst({ where: { id: response.quoteId, companyId: company.id } });
  if (!quote) return;
  await tx.crmQuote.update({ where: { id: quote.id }, data: { status: accepted ? 'accepted' : 'declined' } });
  const at = new Date(response.respondedAt);
  const deal =
    accepted && quote.dealId && (await getSettings(tx)).winDealOnQuoteAccept
      ? await tx.crmDeal.findFirst({
          where: { id: quote.dealId },
          include: { lineItems: { orderBy: { position: 'asc' } } },
        })
      : null;
  if (deal) await winDeal(tx, deal, { via: 'quote_accepted', at, traceparent: event.traceparent });
  const number = quoteView(quote).number;
  await recordActivity(tx, {
    companyId: company.id,
    kind: accepted ? 'quote.accepted' : 'quote.declined',
    title: `Quote ${number} ${accepted ? 'accepted' : 'declined'} in the client portal`,
    detail: { quoteId: quote.id, number, comment: response.comment, sha256: response.sha256 },
    occurredAt: at,
    sourceKey: event.id,
  });
}
