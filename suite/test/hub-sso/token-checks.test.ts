import { createHash } from 'node:crypto';
import { type DevHub, devHubSigningKey, startDevHub } from '@suite/dev-hub';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { decodeJwt, importJWK, type JWK, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, HubProxy } from './hub-proxy';
import { type SuiteUnderTest, startTestSuite } from './test-suite';

// The suite talks to "the real Hub" (HUB_ISSUER_URL) at a proxy in front of a dev Hub run by the test,
// so the test can play a man in the middle on the token response and restart Hub with new keys.
const MIA = 'mia@northwind.test';
const ACCESS_TOKEN_TTL_SECONDS = 2;
const client = { id: 'suite-under-test', secret: 'a-test-client-secret' };

let proxy: HubProxy;
let issuer: string;
let hub: DevHub | undefined;
let hubKey: JWK;
let sut: SuiteUnderTest;
let suiteUrl: string;

/** (Re)starts the dev Hub behind the proxy: same issuer and client, in-memory state kept, keys as given. */
async function startHub(signingKeys: JWK[]): Promise<void> {
  await hub?.close();
  hub = await startDevHub({
    environment: 'test',
    port: 0,
    issuer,
    signingKeys,
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    client: {
      ...client,
      redirectUri: `${suiteUrl}/auth/callback`,
      postLogoutRedirectUri: `${suiteUrl}/auth/signed-out`,
    },
  });
  proxy.target = hub.url;
}

async function resign(idToken: string, key: JWK, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ ...decodeJwt(idToken), ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid ?? '' })
    .sign(await importJWK(key, 'RS256'));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  proxy = new HubProxy();
  issuer = await proxy.listen();
  const port = await freePort();
  suiteUrl = `http://127.0.0.1:${port}`;
  hubKey = await devHubSigningKey();
  await startHub([hubKey]);
  sut = await startTestSuite({
    PORT: String(port),
    HUB_ISSUER_URL: issuer,
    HUB_CLIENT_ID: client.id,
    HUB_CLIENT_SECRET: client.secret,
  });
});

afterEach(() => {
  proxy.tamper = undefined;
  vi.useRealTimers();
});

afterAll(async () => {
  await sut?.close();
  await hub?.close();
  await proxy?.close();
});

describe('ID token verification against Hub’s JWKS', () => {
  it('rejects an expired ID token even when Hub’s own key signed it', async () => {
    const now = Math.floor(Date.now() / 1000);
    proxy.tamper = {
      path: '/token',
      rewrite: async (body) => ({
        ...body,
        id_token: await resign(String(body.id_token), hubKey, { iat: now - 7200, exp: now - 3600 }),
      }),
    };
    const response = await sut.browser().signIn(MIA);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: expect.stringMatching(/ID token has expired/) });
  });

  it('rejects an ID token signed by a foreign key, whether it claims Hub’s key id or its own', async () => {
    const foreign = await devHubSigningKey();
    for (const key of [{ ...foreign, kid: hubKey.kid }, foreign]) {
      proxy.tamper = {
        path: '/token',
        rewrite: async (body) => ({ ...body, id_token: await resign(String(body.id_token), key) }),
      };
      const response = await sut.browser().signIn(MIA);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        message: expect.stringMatching(
          /ID token signature does not verify against Hub's published keys \(JWKS\)/,
        ),
      });
    }
  });

  it('follows a key rotation: a token signed with Hub’s new key verifies once the JWKS is refetched', async () => {
    expect((await sut.browser().signIn(MIA)).status).toBe(303);
    const rotated = await devHubSigningKey();
    await startHub([rotated, hubKey]);
    // openid-client refetches the JWKS for an unknown key id at most once a minute (a guard against
    // tokens naming random keys); only the clock moves forward here, every party in this process agrees.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 61_000);
    const response = await sut.browser().signIn(MIA);
    expect(response.status, await response.clone().text()).toBe(303);
  });
});

describe('claims from Hub’s userinfo', () => {
  it('refuses a sign-in whose userinfo lacks the orgs claim, saying which scope Hub must release', async () => {
    proxy.tamper = { path: '/me', rewrite: async ({ orgs: _orgs, ...rest }) => rest };
    const response = await sut.browser().signIn(MIA);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      message: expect.stringMatching(
        /userinfo for .* does not carry what the suite needs:[\s\S]*orgs[\s\S]*release the "orgs", email and profile scopes/,
      ),
    });
  });
});

describe('silent refresh', () => {
  it('refreshes lapsed Hub tokens once for requests arriving together, and the session goes on', async () => {
    const browser = sut.browser();
    await browser.signIn(MIA);
    const sessionId = createHash('sha256')
      .update((await browser.cookie('suite_session')) ?? '')
      .digest('hex');
    const before = await sut.database.db.system.hubSession.findUniqueOrThrow({ where: { id: sessionId } });
    await sleep(ACCESS_TOKEN_TTL_SECONDS * 1000 + 200);
    const refreshesBefore = proxy.grants.filter((grant) => grant === 'refresh_token').length;
    const answers = await Promise.all(Array.from({ length: 5 }, () => browser.json('/auth/session')));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(proxy.grants.filter((grant) => grant === 'refresh_token').length).toBe(refreshesBefore + 1);
    const after = await sut.database.db.system.hubSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(after.tokensExpireAt.getTime()).toBeGreaterThan(before.tokensExpireAt.getTime());
    // The new tokens are sealed again (a fresh data key), never stored in plaintext.
    expect(after.refreshToken).toBeNull();
    expect(Buffer.from(after.tokensCiphertext ?? []).equals(Buffer.from(before.tokensCiphertext ?? []))).toBe(
      false,
    );
  });

  it('ends the session when Hub refuses the refresh (the user signed out at Hub elsewhere)', async () => {
    const browser = sut.browser();
    await browser.signIn(MIA);
    // Keep this session's cookie in a second tab, then sign in again and sign out at Hub from the first.
    const otherTab = new StaffBrowser(sut.suite.url);
    await otherTab.cookies.setCookie(`suite_session=${await browser.cookie('suite_session')}`, sut.suite.url);
    await browser.signIn(MIA);
    const logout = await browser.request('/auth/logout', { method: 'POST' });
    await browser.confirmSignOutAtHub(new URL(logout.headers.get('location') ?? ''));

    expect((await otherTab.json('/auth/session')).status).toBe(200);
    await sleep(ACCESS_TOKEN_TTL_SECONDS * 1000 + 200);
    expect(await otherTab.json('/auth/session')).toMatchObject({
      status: 401,
      body: {
        message: 'refresh failed: Hub no longer accepts this session; sign in at /auth/login',
      },
    });
  });
});
