import { invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import type { PortalRecord } from '../portals/portal.view';
import { sendEmail } from '../tools/tools.client';
import { hashToken, newSecretToken } from './secret-token';
import {
  LINKS_PER_ADDRESS,
  LINKS_PER_IP,
  MAGIC_LINK_MINUTES,
  type MagicLinkConfirmInput,
  type MagicLinkRequestInput,
  type MagicLinkRequestResult,
  SESSION_HOURS,
  type SignedIn,
} from './sign-in.schema';

export interface SiteRequest {
  readonly portal: PortalRecord;
  /** `https://clients.example.com`: where the link in the email points. */
  readonly origin: string;
  readonly ip: string;
  readonly integrations: IntegrationClients;
}

const WINDOW_MS = MAGIC_LINK_MINUTES * 60_000;

/**
 * Emails a sign-in link to a portal user: 256 random bits, only the hash stored, single use, valid for
 * 15 minutes, through the tool layer's `send_email`. Limited per address and per IP by counting every
 * ask, known address or not, so an address with no access gets the same answers (and no email).
 */
export async function requestMagicLink(
  tx: OrgTransaction,
  { email }: MagicLinkRequestInput,
  request: SiteRequest,
): Promise<MagicLinkRequestResult> {
  const { portal, ip, origin } = request;
  const address = email.toLowerCase();
  const emailHash = hashToken(address);
  const since = new Date(Date.now() - WINDOW_MS);
  const retryAfterSeconds = MAGIC_LINK_MINUTES * 60;
  await tx.portalSignInRequest.deleteMany({ where: { portalId: portal.id, createdAt: { lte: since } } });
  const recent = { portalId: portal.id, createdAt: { gt: since } };
  const fromIp = await tx.portalSignInRequest.count({ where: { ...recent, requestedIp: ip } });
  const toAddress = await tx.portalSignInRequest.count({ where: { ...recent, emailHash } });
  if (fromIp >= LINKS_PER_IP || toAddress >= LINKS_PER_ADDRESS)
    return { status: 'rate_limited', retryAfterSeconds };
  await tx.portalSignInRequest.create({ data: { portalId: portal.id, emailHash, requestedIp: ip } });
  // A revoked user is answered like an unknown address: the same status and no email.
  const user = await tx.portalUser.findFirst({
    where: { portalId: portal.id, email: address, revokedAt: null },
  });
  if (!user) return { status: 'sent' };

  const token = newSecretToken();
  const link = await tx.portalMagicLink.create({
    data: {
      portalId: portal.id,
      userId: user.id,
      tokenHash: hashToken(token),
      requestedIp: ip,
      expiresAt: new Date(Date.now() + WINDOW_MS),
    },
  });
  await sendEmail(
    request.integrations,
    portal.orgId,
    {
      to: user.email,
      subject: `Your sign-in link for ${portal.name}`,
      text: [
        `Hello ${user.name},`,
        '',
        `Open this link to sign in to ${portal.name}. It works once, for ${MAGIC_LINK_MINUTES} minutes:`,
        `${origin}/sign-in/confirm#token=${token}`,
        '',
        'If you did not ask for it, ignore this email.',
      ].join('\n'),
    },
    `portal-magic-link:${link.id}`,
  );
  return { status: 'sent' };
}

/**
 * The confirm click on the landing page (a mail scanner's GET of the link signs no one in): the link
 * must be this portal's, unused and unexpired, and its user not revoked; using it and opening the
 * session happen together.
 */
export async function confirmMagicLink(
  tx: OrgTransaction,
  { token }: MagicLinkConfirmInput,
  request: Pick<SiteRequest, 'portal'>,
): Promise<SignedIn> {
  const link = await tx.portalMagicLink.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!link || link.portalId !== request.portal.id)
    throw invalid('token: this sign-in link is not one of this portal; ask for a new link here', 'token');
  if (link.usedAt) throw invalid('token: this sign-in link was used already; ask for a new one', 'token');
  if (link.expiresAt.getTime() <= Date.now())
    throw invalid(
      `token: this sign-in link expired after ${MAGIC_LINK_MINUTES} minutes; ask for a new one`,
      'token',
    );
  // The user's row first, as a revocation locks it (then the links): a sign-in that waits on a
  // revocation finds the user revoked, and the two lock in the same order (no deadlock).
  const signedIn = await tx.portalUser.updateMany({
    where: { id: link.userId, revokedAt: null },
    data: { lastSignedInAt: new Date() },
  });
  if (signedIn.count === 0)
    throw invalid('token: this sign-in link no longer works; ask for a new one', 'token');
  const { count } = await tx.portalMagicLink.updateMany({
    where: { id: link.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count === 0) throw invalid('token: this sign-in link was used already; ask for a new one', 'token');
  const sessionToken = newSecretToken();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await tx.portalSession.create({
    data: {
      portalId: link.portalId,
      userId: link.userId,
      tokenHash: hashToken(sessionToken),
      method: 'magic_link',
      expiresAt,
    },
  });
  return { sessionToken, expiresAt };
}
