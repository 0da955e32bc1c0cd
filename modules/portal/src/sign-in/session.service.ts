import type { OrgTransaction, Prisma } from '@suite/db';
import { hashToken } from './secret-token';

export type PortalUserRecord = Prisma.PortalUserGetPayload<object>;

/** The user behind a session cookie on this portal; another portal's session, or an expired one, is none. */
export async function signedInUser(
  tx: OrgTransaction,
  portalId: string,
  token: string,
): Promise<PortalUserRecord | null> {
  const session = await tx.portalSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: true },
  });
  if (!session || session.portalId !== portalId || session.expiresAt.getTime() <= Date.now()) return null;
  return session.user;
}

export async function signOut(tx: OrgTransaction, token: string): Promise<void> {
  await tx.portalSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}
