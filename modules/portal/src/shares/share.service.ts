import { createHash } from 'node:crypto';
import { found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import { crmClient } from '../crm/crm.client';
import type { ByPortalId } from '../portals/portal.schema';
import { portalInOrg } from '../portals/portal.service';
import { quotePdf } from './quote-pdf';
import type { ShareQuoteInput, ShareView } from './share.schema';
import { toShareView } from './share.view';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Shares a CRM quote with its company's users of a portal: a fixed snapshot (asked of CRM's
 * integration API), its PDF and the PDF's SHA-256. Sharing it again returns the first share unchanged.
 */
export async function shareQuote(
  tx: OrgTransaction,
  input: ShareQuoteInput,
  staff: {
    readonly orgId: string;
    readonly user: { readonly id: string };
    readonly integrations: IntegrationClients;
  },
): Promise<ShareView> {
  const portal = await portalInOrg(tx, input.portalId);
  const shared = await tx.portalShare.findFirst({
    where: { portalId: portal.id, kind: 'quote', sourceId: input.quoteId },
  });
  if (shared) return toShareView(shared);
  const quote = await crmClient(staff.integrations, staff.orgId).quotes.get.query({ quoteId: input.quoteId });
  const pdf = await quotePdf(quote, portal.name);
  const share = await tx.portalShare.create({
    data: {
      portalId: portal.id,
      companyId: quote.companyId,
      kind: 'quote',
      sourceId: quote.quoteId,
      title: `Quote ${quote.number}`,
      snapshot: quote,
      pdf,
      sha256: sha256Hex(pdf),
      sharedBy: staff.user.id,
    },
  });
  return toShareView(share);
}

/** Also of a deleted (archived) portal: what it shared, answered and had signed stays (decision 0158). */
export async function listShares(tx: OrgTransaction, { portalId }: ByPortalId): Promise<ShareView[]> {
  found(
    await tx.portalPortal.findFirst({ where: { id: portalId }, select: { id: true } }),
    `portal ${portalId}`,
  );
  const shares = await tx.portalShare.findMany({ where: { portalId }, orderBy: { createdAt: 'desc' } });
  return shares.map(toShareView);
}
