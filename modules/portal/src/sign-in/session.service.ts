import type { OrgTransaction, Prisma } from '@suite/db';
import { hashToken } from './secret-token';

export type PortalUserRecord = Prisma.PortalUserGetPayload<object>;

export interface SignedInSession {
  readonly user: PortalUserRecord;
  /** How the session began (`magic_link`), which the signature trail records. */
  readonly method: string;
}

/**
 * The session behind a cookie on this portal; another portal's session, an expired one, or one of a
 * revoked user (revoking deletes them too; access is checked here regardless) is none.
 */
export async function signedInSession(
  tx: OrgTransaction,
  portalId: string,
  token: string,
): Promise<SignedInSession | null> {
  const session = await tx.portalSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  if (!session || session.portalId !== portalId || session.user.revokedAt) return null;
  if (session.expiresAt.getTime() <= Date.now()) return null;
  return { user: session.user, method: session.method };
}

/** The user behind a session cookie on this portal, or null. */
export async function signedInUser(
  tx: OrgTransaction,
  portalId: string,
  token: string,
): Promise<PortalUserRecord | null> {
  return (await signedInSession(tx, portalId, token))?.user ?? null;
}

export async function signOut(tx: OrgTransaction, token: string): Promise<void> {
  await tx.portalSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}
