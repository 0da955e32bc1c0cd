import { randomBytes } from 'node:crypto';
import type { Subscription } from '@suite/bus';
import type { Database } from '@suite/db';
import type { FastifyBaseLogger } from 'fastify';
import { type AccessTokenCheck, AccessTokenVerifier } from './access-tokens/access-token.verifier';
import type { DevHubStarter, RunningDevHub } from './dev-hub/dev-hub.starter';
import { upsertOrgs } from './directory/directory.service';
import { hubDirectorySubscription } from './directory/hub-events.subscription';
import { isLoopbackHttp } from './oidc/loopback-url';
import { HubRelyingParty } from './oidc/relying-party';
import { SessionService } from './session/session.service';
import { SessionCookies } from './session/session-cookie';
import type { SessionTokenSealer } from './session/session-tokens';
import { SignInService } from './session/sign-in.service';
import type { SessionResolution } from './session/signed-in-staff';

export interface HubAuthOptions {
  readonly environment: 'development' | 'test' | 'production';
  /** Unset: the dev Hub runs in this process, started by `startDevHub`. */
  readonly issuerUrl: string | undefined;
  /** Starts the dev Hub (`@suite/dev-hub`); needed only without `issuerUrl`. */
  readonly startDevHub?: DevHubStarter;
  readonly clientId: string | undefined;
  readonly clientSecret: string | undefined;
  /** The suite's external origin; unset: the address it listens on. */
  readonly publicUrl: string | undefined;
  readonly devHubPort: number;
  readonly sessionTtlSeconds: number;
  /** Seals Hub's tokens in the session rows (the credential vault's keyring, decision 0093). */
  readonly tokenSealer: SessionTokenSealer;
}

/** Everything that needs the suite's public URL, which with PORT=0 exists only once it listens. */
export interface HubAuthRuntime {
  readonly publicUrl: string;
  readonly issuer: string;
  readonly cookies: SessionCookies;
  readonly sessions: SessionService;
  readonly signIns: SignInService;
  readonly hub: HubRelyingParty;
  readonly accessTokens: AccessTokenVerifier;
}

const DEV_CLIENT_ID = 'one-stack-suite-dev';

export class HubAuthNotReadyError extends Error {
  constructor() {
    super('Hub sign-in is still starting; retry in a moment');
    this.name = 'HubAuthNotReadyError';
  }
}

/** Hub SSO for the suite process: sign-in routes, sessions and, without HUB_ISSUER_URL, the dev Hub. */
export class HubAuth {
  #runtime: HubAuthRuntime | undefined;
  #devHub: RunningDevHub | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
    private readonly options: HubAuthOptions,
  ) {}

  /** Called once the HTTP server listens on `listenUrl`. */
  async start(listenUrl: string): Promise<HubAuthRuntime> {
    const publicUrl = (this.options.publicUrl ?? listenUrl).replace(/\/$/, '');
    const redirectUri = `${publicUrl}/auth/callback`;
    const postLogoutRedirectUri = `${publicUrl}/auth/signed-out`;
    let { issuerUrl: issuer, clientId, clientSecret } = this.options;
    if (!issuer) {
      clientId = DEV_CLIENT_ID;
      clientSecret = randomBytes(24).toString('base64url');
      if (!this.options.startDevHub)
        throw new Error(
          'HUB_ISSUER_URL is unset and no dev Hub is installed: set HUB_ISSUER_URL for the real Hub',
        );
      this.#devHub = await this.options.startDevHub({
        environment: this.options.environment,
        port: this.options.devHubPort,
        client: { id: clientId, secret: clientSecret, redirectUri, postLogoutRedirectUri },
        log: this.log.child({ component: 'dev-hub' }),
      });
      issuer = this.#devHub.issuer;
      // Seeded orgs exist as tenants before anyone signs in, so development data can reference them.
      // An unmigrated database (/readyz says so) must not stop the process: sign-in creates them too.
      await upsertOrgs(this.db.system, this.#devHub.seed.orgs).catch((error: Error) =>
        this.log.warn(
          { err: error },
          'dev Hub orgs not created as tenants yet; the first sign-in creates them',
        ),
      );
    }
    if (!clientId || !clientSecret)
      throw new Error('HUB_CLIENT_ID and HUB_CLIENT_SECRET are required with HUB_ISSUER_URL');
    const hub = new HubRelyingParty({ issuer, clientId, clientSecret, redirectUri, postLogoutRedirectUri });
    const cookies = new SessionCookies({
      secure: !isLoopbackHttp(new URL(publicUrl)),
      sessionTtlSeconds: this.options.sessionTtlSeconds,
    });
    const sessions = new SessionService(
      this.db.system,
      hub,
      this.options.sessionTtlSeconds,
      this.options.tokenSealer,
    );
    const signIns = new SignInService(this.db.system, hub, sessions);
    const accessTokens = new AccessTokenVerifier(this.db.system, hub);
    this.#runtime = { publicUrl, issuer, cookies, sessions, signIns, hub, accessTokens };
    return this.#runtime;
  }

  runtime(): HubAuthRuntime {
    if (!this.#runtime) throw new HubAuthNotReadyError();
    return this.#runtime;
  }

  /** What the suite's bus must run for Hub SSO: the directory kept current from Hub's user events. */
  subscriptions(): Subscription[] {
    return [hubDirectorySubscription(this.db)];
  }

  /** The staff session behind a request's Cookie header. */
  resolveSession(cookieHeader: string | undefined): Promise<SessionResolution> {
    if (!this.#runtime)
      return Promise.resolve({ status: 'signed-out', reason: new HubAuthNotReadyError().message });
    const { cookies, sessions } = this.#runtime;
    return sessions.resolve(cookies.read(cookieHeader, cookies.sessionName));
  }

  /** The staff member behind a Hub access token (`Authorization: Bearer`) for a protected resource. */
  resolveAccessToken(authorization: string | undefined, check: AccessTokenCheck): Promise<SessionResolution> {
    if (!this.#runtime)
      return Promise.resolve({ status: 'signed-out', reason: new HubAuthNotReadyError().message });
    return this.#runtime.accessTokens.resolve(authorization, check);
  }

  async close(): Promise<void> {
    await this.#devHub?.close();
    this.#devHub = undefined;
  }
}
