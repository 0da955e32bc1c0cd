import type { PrismaClient } from '@suite/db';
import { syncFromHub } from '../directory/directory.service';
import type { HubRelyingParty, HubTokens } from '../oidc/relying-party';
import { SignInError, toSignInError } from '../oidc/sign-in-error';
import { cookieTokenId, newCookieToken } from './session-cookie';
import { type SessionTokenSealer, sealedColumns, TOKEN_COLUMNS, tokensOf } from './session-tokens';
import {
  type LoadedSession,
  type SessionResolution,
  type SignedInStaff,
  signedInStaff,
  WITH_MEMBERSHIPS,
} from './signed-in-staff';

const signedOut = (reason: string): SessionResolution => ({ status: 'signed-out', reason });

/** Server-side staff sessions: the cookie carries a random token, the row everything else. */
export class SessionService {
  readonly #refreshing = new Map<string, Promise<SessionResolution | undefined>>();

  constructor(
    private readonly db: PrismaClient,
    private readonly hub: HubRelyingParty,
    private readonly ttlSeconds: number,
    private readonly sealer: SessionTokenSealer,
  ) {}

  /** Records what Hub said about the user and opens a session; returns the cookie token. */
  async create(tokens: HubTokens): Promise<string> {
    const { token, id } = newCookieToken();
    const sealed = this.#sealFor(id, tokens);
    await this.db.$transaction(async (tx) => {
      await syncFromHub(tx, tokens.user, { reactivate: true });
      await tx.hubSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      await tx.hubSession.create({
        data: {
          id,
          userId: tokens.user.sub,
          activeOrgId: tokens.user.orgs[0]?.id ?? null,
          ...sealed,
          tokensExpireAt: tokens.expiresAt,
          expiresAt: new Date(Date.now() + this.ttlSeconds * 1000),
        },
      });
    });
    return token;
  }

  /** The staff member behind a cookie token, refreshing Hub's tokens silently when they have lapsed. */
  async resolve(token: string | undefined): Promise<SessionResolution> {
    if (!token) return signedOut('not signed in (no session cookie)');
    const id = cookieTokenId(token);
    let session = await this.#find(id);
    if (!session) return signedOut('session ended or unknown');
    // Checked before any refresh: Hub may not know yet what its deactivation event told us.
    if (session.user.deactivatedAt) {
      await this.db.hubSession.deleteMany({ where: { userId: session.userId } });
      return signedOut(`user ${session.user.email} was deactivated at Hub`);
    }
    if (session.expiresAt <= new Date()) {
      await this.db.hubSession.deleteMany({ where: { id } });
      return signedOut('session expired');
    }
    if (session.tokensExpireAt <= new Date()) {
      const refreshFailed = await this.#refreshOnce(id);
      if (refreshFailed) return refreshFailed;
      session = await this.#find(id);
      if (!session) return signedOut('session ended or unknown');
    }
    return { status: 'signed-in', staff: signedInStaff(session) };
  }

  /** Ends the session; returns its ID token (for RP-initiated sign-out at Hub) when there was one. */
  async end(token: string | undefined): Promise<string | undefined> {
    if (!token) return undefined;
    const id = cookieTokenId(token);
    const [session] = await this.db.hubSession.findMany({ where: { id }, select: TOKEN_COLUMNS });
    await this.db.hubSession.deleteMany({ where: { id } });
    return session && tokensOf(this.sealer, session)?.idToken;
  }

  /** Makes `orgId` the active org; false when the user is not a member of it. */
  async switchOrg(staff: SignedInStaff, orgId: string): Promise<boolean> {
    if (!staff.orgs.some((org) => org.id === orgId)) return false;
    await this.db.hubSession.update({ where: { id: staff.sessionId }, data: { activeOrgId: orgId } });
    return true;
  }

  // Requests arriving together share one refresh: Hub may rotate the refresh token, and presenting a
  // rotated one twice would make Hub revoke the whole grant.
  #refreshOnce(id: string): Promise<SessionResolution | undefined> {
    let running = this.#refreshing.get(id);
    if (!running) {
      running = this.#refresh(id).finally(() => this.#refreshing.delete(id));
      this.#refreshing.set(id, running);
    }
    return running;
  }

  async #refresh(id: string): Promise<SessionResolution | undefined> {
    // Read again inside the single flight: a request that loaded the session before another's refresh
    // committed arrives here after that refresh has left the map, and must not refresh a second time.
    const session = await this.db.hubSession.findUnique({ where: { id }, select: REFRESH_COLUMNS });
    if (!session) return signedOut('session ended or unknown');
    if (session.tokensExpireAt > new Date()) return undefined;
    const stored = tokensOf(this.sealer, session);
    if (!stored?.refreshToken) {
      await this.db.hubSession.deleteMany({ where: { id: session.id } });
      return signedOut('Hub tokens expired and Hub issued no refresh token');
    }
    let tokens: HubTokens;
    try {
      tokens = await this.hub.refresh(stored.refreshToken, session.userId, stored.idToken);
    } catch (error) {
      const failure = toSignInError(error, 'refresh');
      if (failure.kind === 'rejected') await this.db.hubSession.deleteMany({ where: { id: session.id } });
      return signedOut(failure.message);
    }
    // The session may have ended meanwhile (sign-out, deactivation): then it stays ended.
    const updated = await this.db.$transaction(async (tx) => {
      const { count } = await tx.hubSession.updateMany({
        where: { id: session.id },
        data: {
          ...sealedColumns(this.sealer, session.id, {
            idToken: tokens.idToken,
            refreshToken: tokens.refreshToken ?? null,
          }),
          tokensExpireAt: tokens.expiresAt,
          refreshedAt: new Date(),
        },
      });
      if (count) await syncFromHub(tx, tokens.user, { reactivate: false });
      return count;
    });
    return updated ? undefined : signedOut('session ended or unknown');
  }

  /** A keyring the vault cannot use (production without VAULT_KEYS) fails the sign-in, naming the fix. */
  #sealFor(id: string, tokens: HubTokens) {
    try {
      return sealedColumns(this.sealer, id, {
        idToken: tokens.idToken,
        refreshToken: tokens.refreshToken ?? null,
      });
    } catch (error) {
      throw new SignInError(`staff sessions cannot be stored: ${(error as Error).message}`, 'failed');
    }
  }

  #find(id: string): Promise<LoadedSession | null> {
    return this.db.hubSession.findUnique({ where: { id }, include: WITH_MEMBERSHIPS });
  }
}

/**
 * Seals the plaintext tokens of sessions opened before tokens were sealed (decision 0093); returns how
 * many. The suite runs it once its migrations are applied.
 */
export async function sealPlaintextSessionTokens(
  db: PrismaClient,
  sealer: SessionTokenSealer,
): Promise<number> {
  const rows = await db.hubSession.findMany({ where: { idToken: { not: null } }, select: TOKEN_COLUMNS });
  let sealed = 0;
  for (const row of rows) {
    const tokens = tokensOf(sealer, row);
    if (!tokens) continue;
    // Conditional on the plaintext still being there: a refresh meanwhile has sealed newer tokens.
    const { count } = await db.hubSession.updateMany({
      where: { id: row.id, idToken: row.idToken },
      data: sealedColumns(sealer, row.id, tokens),
    });
    sealed += count;
  }
  return sealed;
}

const REFRESH_COLUMNS = { ...TOKEN_COLUMNS, userId: true, tokensExpireAt: true } as const;
