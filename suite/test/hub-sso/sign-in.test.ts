import { createHash } from 'node:crypto';
import { DEV_HUB_SEED, PERMISSIONS, sealPlaintextSessionTokens } from '@suite/hub-auth';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { sessionTokenSealer } from '@suite/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SuiteUnderTest, startTestSuite } from './test-suite';

const OLIVIA = 'olivia@northwind.test';
const northwind = DEV_HUB_SEED.orgs.find((org) => org.slug === 'northwind');

let sut: SuiteUnderTest;
beforeAll(async () => {
  sut = await startTestSuite();
});
afterAll(() => sut?.close());

describe('sign-in against the dev Hub', () => {
  it('has created the dev Hub’s orgs as suite tenants with the same ids at start', async () => {
    const orgs = await sut.database.db.system.organization.findMany({
      include: { hubOrg: true },
      orderBy: { slug: 'asc' },
    });
    expect(orgs.map(({ id, slug, hubOrg }) => ({ id, slug, products: hubOrg?.products }))).toEqual(
      [...DEV_HUB_SEED.orgs]
        .sort((a, b) => a.slug.localeCompare(b.slug))
        .map(({ id, slug, products }) => ({ id, slug, products })),
    );
  });

  it('signs in with code + PKCE, sets an httpOnly SameSite session cookie and returns to the page asked for', async () => {
    const browser = sut.browser();
    const callback = await browser.signIn(OLIVIA, '/crm/deals?stage=won');
    expect(callback.status, await callback.clone().text()).toBe(303);
    expect(callback.headers.get('location')).toBe('/crm/deals?stage=won');
    const setCookies = callback.headers.getSetCookie();
    expect(setCookies).toContainEqual(
      expect.stringMatching(/^suite_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/),
    );
    expect(setCookies).toContainEqual(
      expect.stringMatching(/^suite_sign_in=; Max-Age=0; Path=\/auth\/callback; HttpOnly; SameSite=Lax$/),
    );

    const session = await browser.json('/auth/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({
      user: { email: OLIVIA, name: 'Olivia Owner' },
      org: {
        id: northwind?.id,
        slug: 'northwind',
        role: 'Owner',
        products: ['crm', 'psa', 'books', 'voice', 'portal'],
      },
      permissions: [...PERMISSIONS].sort(),
    });
  });

  it('signs in through localhost too: the sign-in moves to the address Hub returns to', async () => {
    const port = new URL(sut.suite.url).port;
    const login = await new StaffBrowser(`http://localhost:${port}`).request('/auth/login?returnTo=%2Fcrm');
    expect(login.status).toBe(303);
    const moved = new URL(login.headers.get('location') ?? '');
    expect(moved.href).toBe(`${sut.suite.url}/auth/login?returnTo=%2Fcrm`);
    // The same browser, now at the suite's own address.
    const browser = sut.browser();
    const toHub = await browser.request(moved);
    expect(toHub.status).toBe(303);
    const callback = await browser.authorizeAtHub(new URL(toHub.headers.get('location') ?? ''), OLIVIA);
    const done = await browser.request(callback);
    expect(done.status, await done.clone().text()).toBe(303);
    expect(done.headers.get('location')).toBe('/crm');
    expect((await browser.json('/auth/session')).status).toBe(200);
  });

  it('stores only a hash of the cookie and records the user in the directory', async () => {
    const browser = sut.browser();
    await browser.signIn(OLIVIA);
    const token = (await browser.cookie('suite_session')) ?? '';
    const stored = await sut.database.db.system.hubSession.findMany({ select: { id: true } });
    expect(stored.map((row) => row.id)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(stored.map((row) => row.id)).not.toContain(token);
    const user = await sut.database.db.system.hubUser.findFirst({ where: { email: OLIVIA } });
    expect(user?.deactivatedAt).toBeNull();
  });

  it("keeps Hub's tokens sealed by the vault, bound to the session; older plaintext rows get sealed", async () => {
    const browser = sut.browser();
    await browser.signIn(OLIVIA);
    const id = createHash('sha256')
      .update((await browser.cookie('suite_session')) ?? '')
      .digest('hex');
    const sessions = sut.database.db.system.hubSession;
    const row = await sessions.findUniqueOrThrow({ where: { id } });
    expect([row.idToken, row.refreshToken]).toEqual([null, null]);
    if (row.tokensKekVersion === null || !row.tokensWrappedKey || !row.tokensCiphertext)
      throw new Error('the session has no sealed tokens');
    const sealed = {
      tokensKekVersion: row.tokensKekVersion,
      tokensWrappedKey: row.tokensWrappedKey,
      tokensCiphertext: row.tokensCiphertext,
    };
    const tokens = sessionTokenSealer.open(id, sealed);
    expect(tokens.idToken.split('.')).toHaveLength(3);
    expect(Buffer.from(row.tokensCiphertext).toString('latin1')).not.toContain(tokens.idToken.slice(0, 40));
    // Another session's id (its last character changed, never to itself): the AAD no longer matches.
    const otherId = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
    expect(() => sessionTokenSealer.open(otherId, sealed)).toThrow();

    // A session as an older release stored it: plaintext tokens, nothing sealed.
    await sessions.update({
      where: { id },
      data: { ...tokens, tokensKekVersion: null, tokensWrappedKey: null, tokensCiphertext: null },
    });
    expect(await sealPlaintextSessionTokens(sut.database.db.system, sessionTokenSealer)).toBe(1);
    const resealed = await sessions.findUniqueOrThrow({ where: { id } });
    expect([resealed.idToken, resealed.refreshToken, resealed.tokensKekVersion]).toEqual([null, null, 1]);
    expect((await browser.json('/auth/session')).status).toBe(200);
  });

  it('never redirects off the site after sign-in', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const callback = await sut.browser().signIn(OLIVIA, returnTo);
      expect(callback.headers.get('location')).toBe('/');
    }
  });

  it('rejects a callback whose state was tampered with, and opens no session', async () => {
    const browser = sut.browser();
    const callback = await browser.authorizeAtHub(await browser.startSignIn(), OLIVIA);
    callback.searchParams.set('state', 'tampered');
    const response = await browser.json(callback.href);
    expect(response).toMatchObject({
      status: 400,
      body: {
        error: 'sign_in_failed',
        message: expect.stringMatching(/state Hub returned does not match this sign-in/),
      },
    });
    expect((await browser.json('/auth/session')).status).toBe(401);
  });

  it('rejects a replayed callback: the sign-in attempt is single use, and Hub refuses a used code', async () => {
    const victim = sut.browser();
    const callback = await victim.authorizeAtHub(await victim.startSignIn(), OLIVIA);
    const attemptCookie = `suite_sign_in=${await victim.cookie('suite_sign_in', '/auth/callback')}; Path=/auth/callback`;
    expect((await victim.request(callback)).status).toBe(303);

    await victim.cookies.setCookie(attemptCookie, `${sut.suite.url}/auth/callback`);
    const sameAttempt = await victim.json(callback.href);
    expect(sameAttempt).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/already completed or has expired/) },
    });

    // An attacker who saw the code replays it inside a sign-in of their own.
    const attacker = sut.browser();
    const ownState = (await attacker.startSignIn()).searchParams.get('state') ?? '';
    callback.searchParams.set('state', ownState);
    const replayed = await attacker.json(callback.href);
    expect(replayed).toMatchObject({
      status: 400,
      body: {
        message: expect.stringMatching(
          /authorization code was already used, has expired or belongs to another sign-in/,
        ),
      },
    });
    expect((await attacker.json('/auth/session')).status).toBe(401);
  });

  it('rejects an ID token whose nonce is not the one this sign-in sent', async () => {
    const browser = sut.browser();
    const authorization = await browser.startSignIn();
    authorization.searchParams.set('nonce', 'nonce-of-another-sign-in');
    const response = await browser.json((await browser.authorizeAtHub(authorization, OLIVIA)).href);
    expect(response).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/ID token nonce does not match this sign-in/) },
    });
  });

  it('rejects a callback in a browser that never started a sign-in', async () => {
    const browser = sut.browser();
    const callback = await browser.authorizeAtHub(await browser.startSignIn(), OLIVIA);
    const response = await sut.browser().json(callback.href);
    expect(response).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/no sign-in is in progress in this browser/) },
    });
  });

  it('reports an error Hub sends back instead of a code', async () => {
    const browser = sut.browser();
    const authorization = await browser.startSignIn();
    const callback = new URL(`${sut.suite.url}/auth/callback`);
    callback.searchParams.set('error', 'access_denied');
    callback.searchParams.set('error_description', 'user cancelled');
    callback.searchParams.set('state', authorization.searchParams.get('state') ?? '');
    callback.searchParams.set('iss', authorization.origin);
    const response = await browser.json(callback.href);
    expect(response).toMatchObject({
      status: 400,
      body: {
        message: 'Hub refused the sign-in: access_denied (user cancelled); start again at /auth/login',
      },
    });
  });
});

describe('sign-out', () => {
  /** True when Hub still remembers the browser and sends it straight back with a code (SSO). */
  async function hubRemembers(browser: StaffBrowser): Promise<boolean> {
    const authorization = await browser.startSignIn();
    const reached = await browser.follow(await browser.request(authorization), (location) =>
      location.href.startsWith(`${sut.suite.url}/auth/callback`),
    );
    return reached instanceof URL;
  }

  it('locally ends the suite session only: Hub still remembers the browser', async () => {
    const browser = sut.browser();
    await browser.signIn(OLIVIA);
    const response = await browser.request('/auth/logout?local=true', { method: 'POST' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/auth/signed-out');
    expect(response.headers.getSetCookie()).toContainEqual(
      expect.stringMatching(/^suite_session=; Max-Age=0/),
    );
    expect(await browser.json('/auth/session')).toMatchObject({
      status: 401,
      body: { message: 'not signed in (no session cookie); sign in at /auth/login' },
    });
    expect(await hubRemembers(browser)).toBe(true);
  });

  it('signs out at Hub too (RP-initiated) and lands on the signed-out page', async () => {
    const browser = sut.browser();
    await browser.signIn(OLIVIA);
    const response = await browser.request('/auth/logout', { method: 'POST' });
    expect(response.status).toBe(303);
    const endSession = new URL(response.headers.get('location') ?? '');
    expect(endSession.pathname).toBe('/session/end');
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${sut.suite.url}/auth/signed-out`);
    expect((await browser.json('/auth/session')).status).toBe(401);

    const landed = await browser.confirmSignOutAtHub(endSession);
    expect(landed).toBeInstanceOf(Response);
    expect((landed as Response).url).toBe(`${sut.suite.url}/auth/signed-out`);
    expect(await (landed as Response).text()).toContain('You are signed out');
    expect(await hubRemembers(browser)).toBe(false);
  });

  it('ends a session at its absolute expiry, and one whose Hub tokens lapsed without a refresh token', async () => {
    const sessionOf = async (browser: StaffBrowser) =>
      createHash('sha256')
        .update((await browser.cookie('suite_session')) ?? '')
        .digest('hex');
    const past = new Date(Date.now() - 1000);
    const expired = await sut.signedIn(OLIVIA);
    const expiredId = await sessionOf(expired);
    await sut.database.db.system.hubSession.update({ where: { id: expiredId }, data: { expiresAt: past } });
    expect(await expired.json('/auth/session')).toMatchObject({
      status: 401,
      body: { message: 'session expired; sign in at /auth/login' },
    });
    expect(await sut.database.db.system.hubSession.count({ where: { id: expiredId } })).toBe(0);

    const lapsed = await sut.signedIn(OLIVIA);
    const lapsedId = await sessionOf(lapsed);
    // Tokens as Hub issues them without a refresh token, sealed as the suite stores them.
    await sut.database.db.system.hubSession.update({
      where: { id: lapsedId },
      data: {
        tokensExpireAt: past,
        ...sessionTokenSealer.seal(lapsedId, { idToken: 'header.payload.signature', refreshToken: null }),
      },
    });
    expect(await lapsed.json('/auth/session')).toMatchObject({
      status: 401,
      body: {
        message: 'Hub tokens expired and Hub issued no refresh token; sign in at /auth/login',
      },
    });
  });

  it('answers 401 naming the reason when the cookie names no session', async () => {
    const browser = sut.browser();
    await browser.cookies.setCookie('suite_session=forged', sut.suite.url);
    expect(await browser.json('/auth/session')).toMatchObject({
      status: 401,
      body: { error: 'unauthorized', message: 'session ended or unknown; sign in at /auth/login' },
    });
  });
});
