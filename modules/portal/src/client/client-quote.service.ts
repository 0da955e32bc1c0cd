import { publish } from '@suite/bus';
import { conflict, found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { PortalRecord } from '../portals/portal.view';
import type { ByShareId, QuoteResponseInput, SharedQuoteView, ShareView } from '../shares/share.schema';
import { quoteSnapshot } from '../shares/share.schema';
import { type ShareRecord, toShareView } from '../shares/share.view';
import type { PortalUserRecord } from '../sign-in/session.service';

interface Client {
  readonly client: PortalUserRecord;
  readonly portal: PortalRecord;
}

/** The client's own company's shares on this portal; any other share id is "not found". */
async function ownShare(
  tx: OrgTransaction,
  shareId: string,
  { client, portal }: Client,
): Promise<ShareRecord> {
  return found(
    await tx.portalShare.findFirst({
      where: { id: shareId, portalId: portal.id, companyId: client.companyId, kind: 'quote' },
    }),
    `quote ${shareId}`,
  );
}

const withQuote = (share: ShareRecord): SharedQuoteView => ({
  ...toShareView(share),
  quote: quoteSnapshot.parse(share.snapshot),
});

export async function listClientQuotes(
  tx: OrgTransaction,
  _input: undefined,
  caller: Client,
): Promise<ShareView[]> {
  const shares = await tx.portalShare.findMany({
    where: { portalId: caller.portal.id, companyId: caller.client.companyId, kind: 'quote' },
    orderBy: { createdAt: 'desc' },
  });
  return shares.map(toShareView);
}

/** Opening a shared quote marks it viewed (once); its snapshot never changes. */
export async function openClientQuote(
  tx: OrgTransaction,
  { shareId }: ByShareId,
  caller: Client,
): Promise<SharedQuoteView> {
  const share = await ownShare(tx, shareId, caller);
  if (share.status !== 'shared') return withQuote(share);
  const viewed = await tx.portalShare.update({ where: { id: share.id }, data: { status: 'viewed' } });
  return withQuote(viewed);
}

/**
 * The client accepts or declines, once, with an optional comment: `portal.quote.accepted` or
 * `.declined` goes out in the same transaction, and CRM takes it from there.
 */
export async function respondToQuote(
  tx: OrgTransaction,
  input: QuoteResponseInput,
  caller: Client,
): Promise<SharedQuoteView> {
  const share = await ownShare(tx, input.shareId, caller);
  const status = input.decision === 'accept' ? 'accepted' : 'declined';
  const respondedAt = new Date();
  const { count } = await tx.portalShare.updateMany({
    where: { id: share.id, status: { in: ['shared', 'viewed'] } },
    data: {
      status,
      responseComment: input.comment ?? null,
      respondedBy: caller.client.id,
      respondedAt,
    },
  });
  if (count === 0)
    throw conflict(
      `shareId: this quote was ${share.status} already; ask ${caller.portal.name} for a new one`,
    );
  await publish(tx, {
    type: status === 'accepted' ? 'portal.quote.accepted' : 'portal.quote.declined',
    data: {
      shareId: share.id,
      quoteId: share.sourceId,
      companyId: share.companyId,
      contactId: caller.client.contactId,
      comment: input.comment ?? null,
      sha256: share.sha256,
      respondedAt: respondedAt.toISOString(),
    },
  });
  return withQuote({ ...share, status, responseComment: input.comment ?? null, respondedAt });
}

/** The PDF of a share the client may see, for download; the hash lets them check it. */
export async function clientSharePdf(
  tx: OrgTransaction,
  { shareId }: ByShareId,
  caller: Client,
): Promise<{ readonly pdf: Uint8Array; readonly sha256: string; readonly filename: string }> {
  const share = found(
    await tx.portalShare.findFirst({
      where: { id: shareId, portalId: caller.portal.id, companyId: caller.client.companyId },
    }),
    `document ${shareId}`,
  );
  return {
    pdf: share.signedPdf ?? share.pdf,
    sha256: share.signedSha256 ?? share.sha256,
    filename: `${share.title}.pdf`,
  };
}
