import { randomBytes } from 'node:crypto';
import { type DevHubSeed, ORGS_SCOPE, orgsClaim } from '@suite/hub-auth';
import type { JWK } from 'jose';
import type { Configuration } from 'oidc-provider';
import { errorPage, signOutPage } from './dev-hub.pages';
import type { DevHubOptions } from './dev-hub.server';

const SCOPES = ['openid', 'offline_access', 'email', 'profile', ORGS_SCOPE];
const DAY = 24 * 60 * 60;
/** The scope of access tokens for the suite's MCP server (and any other resource the dev Hub serves). */
const MCP_SCOPE = 'mcp';

/** The RFC 8707 `resource` of an authorization or token request, when it names one. */
function requestedResource(params: Record<string, unknown> | undefined): string | undefined {
  const resource = params?.resource;
  return typeof resource === 'string' ? resource : undefined;
}

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
      const existing = grantId ? await provider.Grant.find(grantId) : undefined;
      const resource = requestedResource(ctx.oidc.params);
      if (existing && (!resource || existing.getResourceScope(resource).includes(MCP_SCOPE))) return existing;
      const grant =
        existing ??
        new provider.Grant({ clientId: oidcClient?.clientId ?? '', accountId: session?.accountId ?? '' });
      grant.addOIDCScope(SCOPES.join(' '));
      if (resource) grant.addResourceScope(resource, MCP_SCOPE);
      await grant.save();
      return grant;
    },
    // offline_access needs prompt=consent per the spec; a first-party client gets refresh tokens regardless.
    issueRefreshToken: async (_ctx, oidcClient) => oidcClient.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // Access tokens for a resource (the suite's MCP server at `<suite>/mcp`) are JWTs with that resource
      // as audience (RFC 8707, RFC 9068). A development Hub issues them for any http(s) resource asked for.
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => ({
          scope: MCP_SCOPE,
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: options.accessTokenTtlSeconds ?? 600,
        }),
      },
      // MCP clients (AI assistants) register themselves (RFC 7591) before the authorization code flow.
      registration: { enabled: true },
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
