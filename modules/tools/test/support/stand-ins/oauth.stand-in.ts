import { createHash, randomBytes } from 'node:crypto';
import { bearerToken, type StandInRequest, type StandInRoute } from './stand-in-server';

export const OAUTH_CLIENT = {
  clientId: 'suite-test-client',
  clientSecret: 'oauth-client-secret-for-tests-0001',
};

/**
 * An OAuth 2.0 authorization server as vendors run it: authorization code with PKCE (S256), access
 * tokens that expire, refresh tokens that rotate (each works once), revocation.
 */
export class OAuthServer {
  readonly accessTokens = new Set<string>();
  private readonly refreshTokens = new Set<string>();
  private readonly codes = new Map<string, { challenge: string; redirectUri: string }>();
  refreshes = 0;
  expiresIn = 3600;
  #held: { count: number; arrived: number; all: Promise<void>; release: () => void } | undefined;

  issue(): { access_token: string; refresh_token: string; expires_in: number; token_type: string } {
    const access = `at-${randomBytes(12).toString('hex')}`;
    const refresh = `rt-${randomBytes(12).toString('hex')}`;
    this.accessTokens.add(access);
    this.refreshTokens.add(refresh);
    return { access_token: access, refresh_token: refresh, expires_in: this.expiresIn, token_type: 'Bearer' };
  }

  /** Every token stops working (the user revoked the app at the vendor). */
  revokeAll(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  /** Access tokens stop working, refresh tokens still do (they expired). */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }

  /**
   * The next `count` calls with a dead token are answered together, once all have arrived (at most 30 s
   * later): callers racing on an expired token all see the 401 before any of them can refresh.
   */
  holdRefusals(count: number): void {
    let release = () => {};
    const all = new Promise<void>((resolve) => {
      release = resolve;
    });
    setTimeout(release, 30_000).unref();
    this.#held = { count, arrived: 0, all, release };
  }

  /** `reply` to a call with a dead token, after the other held refusals have arrived. */
  async refuse<T>(reply: T): Promise<T> {
    const held = this.#held;
    if (!held) return reply;
    held.arrived++;
    if (held.arrived >= held.count) {
      this.#held = undefined;
      held.release();
    }
    await held.all;
    return reply;
  }

  authorized(request: StandInRequest): boolean {
    const token = bearerToken(request) ?? request.query.get('access_token') ?? undefined;
    return token !== undefined && this.accessTokens.has(token);
  }

  readonly routes: Record<string, StandInRoute> = {
    'GET /oauth/authorize': (request) => {
      const code = `code-${randomBytes(8).toString('hex')}`;
      this.codes.set(code, {
        challenge: request.query.get('code_challenge') ?? '',
        redirectUri: request.query.get('redirect_uri') ?? '',
      });
      const target = new URL(request.query.get('redirect_uri') ?? 'http://invalid');
      target.searchParams.set('code', code);
      target.searchParams.set('state', request.query.get('state') ?? '');
      return { status: 302, headers: { location: target.toString() } };
    },
    'POST /oauth/token': (request) => {
      const form = request.fields as Record<string, string>;
      if (form.client_id !== OAUTH_CLIENT.clientId || form.client_secret !== OAUTH_CLIENT.clientSecret)
        return { status: 401, body: { error: 'invalid_client' } };
      if (form.grant_type === 'authorization_code') {
        const code = this.codes.get(form.code ?? '');
        this.codes.delete(form.code ?? '');
        const challenge = createHash('sha256')
          .update(form.code_verifier ?? '')
          .digest('base64url');
        if (!code || code.challenge !== challenge || code.redirectUri !== form.redirect_uri)
          return { status: 400, body: { error: 'invalid_grant' } };
        return { status: 200, body: this.issue() };
      }
      if (form.grant_type === 'refresh_token') {
        this.refreshes++;
        if (!this.refreshTokens.delete(form.refresh_token ?? ''))
          return { status: 400, body: { error: 'invalid_grant' } };
        return { status: 200, body: this.issue() };
      }
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    },
  };
}
