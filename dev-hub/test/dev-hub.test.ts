import { describe, expect, it } from 'vitest';
import { startDevHub } from '../src';

const client = {
  id: 'suite',
  secret: 'secret',
  redirectUri: 'http://127.0.0.1:1/auth/callback',
  postLogoutRedirectUri: 'http://127.0.0.1:1/auth/signed-out',
};

describe('dev Hub', () => {
  it('refuses to start in production, saying what to configure instead', async () => {
    await expect(startDevHub({ environment: 'production', port: 0, client })).rejects.toThrow(
      /development-only.*NODE_ENV=production.*HUB_ISSUER_URL/,
    );
  });

  it('is a real OpenID provider: discovery with PKCE, end-session and the orgs scope', async () => {
    const hub = await startDevHub({ environment: 'test', port: 0, client });
    try {
      const response = await fetch(`${hub.issuer}/.well-known/openid-configuration`);
      const metadata = (await response.json()) as Record<string, unknown>;
      expect(metadata).toMatchObject({
        issuer: hub.issuer,
        code_challenge_methods_supported: ['S256'],
        end_session_endpoint: `${hub.issuer}/session/end`,
      });
      expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'offline_access', 'orgs']));
      expect(metadata.claims_supported).toContain('orgs');
    } finally {
      await hub.close();
    }
  });
});
