import * as oidc from 'openid-client';
import { z } from 'zod';
import { type HubUserInfo, hubUserInfoSchema, ORGS_SCOPE } from './hub-claims.schema';
import { isLoopbackHttp } from './loopback-url';
import { SignInError, toSignInError } from './sign-in-error';

export interface RelyingPartyOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
}

/** What the browser-bound sign-in attempt must hand back at the callback. */
export interface SignInChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface HubTokens {
  readonly idToken: string;
  readonly refreshToken: string | undefined;
  /** When the access token lapses; a refresh is due after it. */
  readonly expiresAt: Date;
  readonly user: HubUserInfo;
}

const SCOPE = `openid email profile offline_access ${ORGS_SCOPE}`;

/**
 * The suite as Hub's OpenID Connect relying party: authorization code + PKCE, ID tokens verified
 * against Hub's JWKS (openid-client refetches it when a token names a key it has not seen), userinfo
 * for the org claims. Discovery is lazy and retried, so the suite starts while Hub is down.
 */
export class HubRelyingParty {
  #configuration: Promise<oidc.Configuration> | undefined;

  constructor(readonly options: RelyingPartyOptions) {}

  configuration(): Promise<oidc.Configuration> {
    this.#configuration ??= this.#discover().catch((error: unknown) => {
      this.#configuration = undefined;
      throw new SignInError(
        `Hub at ${this.options.issuer} could not be discovered (${(error as Error).message}); check HUB_ISSUER_URL and that Hub is up`,
        'failed',
      );
    });
    return this.#configuration;
  }

  async #discover(): Promise<oidc.Configuration> {
    const issuer = new URL(this.options.issuer);
    const config = await oidc.discovery(
      issuer,
      this.options.clientId,
      { redirect_uris: [this.options.redirectUri] },
      oidc.ClientSecretBasic(this.options.clientSecret),
      { execute: isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [] },
    );
    // Without this openid-client trusts the TLS channel alone; the issue asks for JWKS verification.
    oidc.enableNonRepudiationChecks(config);
    return config;
  }

  async authorizationUrl(checks: SignInChecks): Promise<URL> {
    return oidc.buildAuthorizationUrl(await this.configuration(), {
      redirect_uri: this.options.redirectUri,
      scope: SCOPE,
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code after checking state, nonce, PKCE and the ID token. */
  async completeSignIn(callbackUrl: URL, checks: SignInChecks): Promise<HubTokens> {
    try {
      const config = await this.configuration();
      const response = await oidc.authorizationCodeGrant(config, callbackUrl, {
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        pkceCodeVerifier: checks.codeVerifier,
        idTokenExpected: true,
      });
      const sub = response.claims()?.sub ?? '';
      return await this.#withUser(config, response, sub, undefined);
    } catch (error) {
      throw toSignInError(error, 'sign-in');
    }
  }

  /** Silent refresh: new tokens and fresh org claims, without the browser. */
  async refresh(refreshToken: string, sub: string, idToken: string): Promise<HubTokens> {
    try {
      const config = await this.configuration();
      const response = await oidc.refreshTokenGrant(config, refreshToken);
      return await this.#withUser(config, response, sub, { idToken, refreshToken });
    } catch (error) {
      throw toSignInError(error, 'refresh');
    }
  }

  async #withUser(
    config: oidc.Configuration,
    response: oidc.TokenEndpointResponse,
    sub: string,
    previous: { idToken: string; refreshToken: string } | undefined,
  ): Promise<HubTokens> {
    const info = await oidc.fetchUserInfo(config, response.access_token, sub);
    const parsed = hubUserInfoSchema.safeParse(info);
    if (!parsed.success)
      throw new SignInError(
        `Hub's userinfo for ${sub} does not carry what the suite needs: ${z.prettifyError(parsed.error)}; ask the Hub admin to release the "${ORGS_SCOPE}", email and profile scopes`,
        'rejected',
      );
    const idToken = response.id_token ?? previous?.idToken;
    if (!idToken) throw new SignInError('Hub returned no ID token', 'rejected');
    return {
      idToken,
      refreshToken: response.refresh_token ?? previous?.refreshToken,
      expiresAt: new Date(Date.now() + (response.expires_in ?? 0) * 1000),
      user: parsed.data,
    };
  }

  /** RP-initiated sign-out at Hub, or undefined when Hub offers no end-session endpoint. */
  async endSessionUrl(idToken: string): Promise<URL | undefined> {
    const config = await this.configuration();
    if (!config.serverMetadata().end_session_endpoint) return undefined;
    return oidc.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.options.postLogoutRedirectUri,
    });
  }
}
