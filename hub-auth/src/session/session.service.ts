import type { PrismaClient } from '@suite/db';
import { syncFromHub } from '../directory/directory.service';
import type { HubRelyingParty, HubTokens } from '../oidc/relying-party';
import { toSignInError } from '../oidc/sign-in-error';
import { cookieTokenId, newCookieToken } from './session-cookie';
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
  ) {}

  /** Records what Hub said about the user and opens a session; returns the cookie token. */
  async create(tokens: HubTokens): Promise<string> {
    const { token, id } = newCookieToken();
    await this.db.$transaction(async (tx) => {
      await syncFromHub(tx, tokens.user, { reactivate: true });
      await tx.hubSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
      await tx.hubSession.create({
        data: {
          id,
          userId: tokens.user.sub,
          activeOrgId: tokens.user.orgs[0]?.id ?? null,
          idToken: tokens.idToken,
          refreshToken: tokens.refreshToken ?? null,
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
      const refreshFailed = await this.#refreshOnce(session);
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
    const [session] = await this.db.hubSession.findMany({ where: { id }, select: { idToken: true } });
    await this.db.hubSession.deleteMany({ where: { id } });
    return session?.idToken;
  }

  /** Makes `orgId` the active org; false when the user is not a member of it. */
  async switchOrg(staff: SignedInStaff, orgId: string): Promise<boolean> {
    if (!staff.orgs.some((org) => org.id === orgId)) return false;
    await this.db.hubSession.update({ where: { id: staff.sessionId }, data: { activeOrgId: orgId } });
    return true;
  }

  // Requests arriving together share one refresh: Hub may rotate the refresh token, and presenting a
  // rotated one twice would make Hub revoke the whole grant.
  #refreshOnce(session: RefreshableSession): Promise<SessionResolution | undefined> {
    let running = this.#refreshing.get(session.id);
    if (!running) {
      running = this.#refresh(session).finally(() => this.#refreshing.delete(session.id));
      this.#refreshing.set(session.id, running);
    }
    return running;
  }

  async #refresh(session: RefreshableSession): Promise<SessionResolution | undefined> {
    if (!session.refreshToken) {
      await this.db.hubSession.deleteMany({ where: { id: session.id } });
      return signedOut('Hub tokens expired and Hub issued no refresh token');
    }
    let tokens: HubTokens;
    try {
      tokens = await this.hub.refresh(session.refreshToken, session.userId, session.idToken);
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
          idToken: tokens.idToken,
          refreshToken: tokens.refreshToken ?? null,
          tokensExpireAt: tokens.expiresAt,
          refreshedAt: new Date(),
        },
      });
      if (count) await syncFromHub(tx, tokens.user, { reactivate: false });
      return count;
    });
    return updated ? undefined : signedOut('session ended or unknown');
  }

  #find(id: string): Promise<LoadedSession | null> {
    return this.db.hubSession.findUnique({ where: { id }, include: WITH_MEMBERSHIPS });
  }
}

interface RefreshableSession {
  readonly id: string;
  readonly userId: string;
  readonly idToken: string;
  readonly refreshToken: string | null;
}
