import type { PrismaClient } from '@suite/db';
import { randomNonce, randomPKCECodeVerifier, randomState } from 'openid-client';
import type { HubRelyingParty } from '../oidc/relying-party';
import { SignInError } from '../oidc/sign-in-error';
import type { SessionService } from './session.service';
import { cookieTokenId, newCookieToken, SIGN_IN_TTL_SECONDS } from './session-cookie';

/** Only paths on this site: an absolute or protocol-relative URL would make sign-in an open redirect. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';
}

const AGAIN = 'start again at /auth/login';

/** The browser leg of sign-in: remembers state, nonce and PKCE verifier between leaving for Hub and returning. */
export class SignInService {
  constructor(
    private readonly db: PrismaClient,
    private readonly hub: HubRelyingParty,
    private readonly sessions: SessionService,
  ) {}

  /** Returns the browser-binding cookie token and Hub's authorization URL to redirect to. */
  async start(returnTo: string): Promise<{ token: string; url: URL }> {
    const { token, id } = newCookieToken();
    const checks = { state: randomState(), nonce: randomNonce(), codeVerifier: randomPKCECodeVerifier() };
    const url = await this.hub.authorizationUrl(checks);
    await this.db.hubSignIn.deleteMany({ where: { createdAt: { lt: this.#oldest() } } });
    await this.db.hubSignIn.create({ data: { id, returnTo: safeReturnTo(returnTo), ...checks } });
    return { token, url };
  }

  /** Checks and spends the attempt (single use), then exchanges the code; returns the new session's token. */
  async complete(
    token: string | undefined,
    callbackUrl: URL,
  ): Promise<{ sessionToken: string; returnTo: string }> {
    if (!token)
      throw new SignInError(
        `no sign-in is in progress in this browser (no sign-in cookie); ${AGAIN}`,
        'rejected',
      );
    const id = cookieTokenId(token);
    const attempt = await this.db.hubSignIn.findUnique({ where: { id } });
    const { count } = await this.db.hubSignIn.deleteMany({ where: { id } });
    if (!attempt || count === 0 || attempt.createdAt < this.#oldest())
      throw new SignInError(`this sign-in was already completed or has expired; ${AGAIN}`, 'rejected');
    const tokens = await this.hub.completeSignIn(callbackUrl, attempt);
    return { sessionToken: await this.sessions.create(tokens), returnTo: attempt.returnTo };
  }

  #oldest(): Date {
    return new Date(Date.now() - SIGN_IN_TTL_SECONDS * 1000);
  }
}
