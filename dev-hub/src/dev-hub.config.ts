import { randomBytes } from 'node:crypto';
import { type DevHubSeed, ORGS_SCOPE, orgsClaim } from '@suite/hub-auth';
import type { JWK } from 'jose';
import type { Configuration } from 'oidc-provider';
import { errorPage, signOutPage } from './dev-hub.pages';
import type { DevHubOptions } from './dev-hub.server';

const SCOPES = ['openid', 'offline_access', 'email', 'profile', ORGS_SCOPE];
const DAY = 24 * 60 * 60;

/** oidc-provider settings of the dev Hub: a first-party Hub for one client, the suite. */
export function devHubConfiguration(
  options: DevHubOptions,
  seed: DevHubSeed,
  keys: readonly JWK[],
): Configuration {
  const { client } = options;
  return {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [client.redirectUri],
        post_logout_redirect_uris: [client.postLogoutRedirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: keys.map((key) => ({ ...key })) },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: SCOPES,
    claims: { email: ['email', 'email_verified'], profile: ['name'], [ORGS_SCOPE]: ['orgs'] },
    async findAccount(_ctx, sub) {
      const user = seed.users.find((candidate) => candidate.id === sub);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: () => ({
          sub,
          email: user.email,
          email_verified: true,
          name: user.name,
          orgs: orgsClaim(seed, user),
        }),
      };
    },
    // A first-party Hub asks no consent: every sign-in gets the suite's scopes.
    async loadExistingGrant(ctx) {
      const { session, client: oidcClient, provider } = ctx.oidc;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session?.grantIdFor(oidcClient?.clientId ?? '');
      if (grantId) return provider.Grant.find(grantId);
      const grant = new provider.Grant({
        clientId: oidcClient?.clientId ?? '',
        accountId: session?.accountId ?? '',
      });
      grant.addOIDCScope(SCOPES.join(' '));
      await grant.save();
      return grant;
    },
    // offline_access needs prompt=consent per the spec; a first-party client gets refresh tokens regardless.
    issueRefreshToken: async (_ctx, oidcClient) => oidcClient.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = signOutPage(form);
        },
      },
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Grant: DAY,
      Session: DAY,
      RefreshToken: DAY,
    },
  };
}
