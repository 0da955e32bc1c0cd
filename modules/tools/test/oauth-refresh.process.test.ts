import type { OrgScope } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureVault } from '../src/vault/keyring';
import { CHILD_PROCESSES_TIMEOUT, raceProcesses } from './support/child-processes';
import { connectOAuth } from './support/oauth-connect';
import { startMetaStandIn, type VendorStandIn } from './support/stand-ins/vendor-stand-ins';
import { run } from './support/tool-calls';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';

const { entries } = testKeyring();
let fixture: ToolsFixture;
let meta: VendorStandIn;
let org: OrgScope;

beforeAll(async () => {
  configureVault({ VAULT_KEYS: entries.join(',') });
  [fixture, meta] = await Promise.all([toolsFixture(), startMetaStandIn()]);
  org = await fixture.createOrg();
  expect(await connectOAuth(org, 'meta', meta.url, { pageId: '1234' })).toMatchObject({ ok: true });
});
afterAll(async () => {
  await Promise.all([fixture.close(), meta.close()]);
});

const oauth = () => meta.oauth ?? expect.fail('the Meta stand-in has an OAuth server');

describe('OAuth refresh', () => {
  it(
    'two processes hitting a 401 together refresh once, and both calls succeed',
    async () => {
      oauth().expireAccessTokens();
      oauth().holdRefusals(2);
      const before = oauth().refreshes;
      const results = await raceProcesses('refresh-racer.ts', [fixture.database.url, org.orgId], {
        VAULT_KEYS: entries.join(','),
      });
      expect(results).toEqual([
        { post_id: expect.stringMatching(/^1234_/), url: expect.any(String) },
        { post_id: expect.stringMatching(/^1234_/), url: expect.any(String) },
      ]);
      expect(oauth().refreshes - before).toBe(1);
      // Both saw the 401 with the old token before one of them refreshed.
      const unauthorized = meta.requests.filter((request) => request.path === '/1234/feed').length;
      expect(unauthorized).toBeGreaterThanOrEqual(4);
    },
    CHILD_PROCESSES_TIMEOUT,
  );

  it('refreshes before expiry, and a refused refresh moves the connection to Error', async () => {
    oauth().expiresIn = 30; // inside the one-minute margin: the next call refreshes first
    oauth().expireAccessTokens();
    expect(await run(org, 'post_to_social', { text: 'gets a short-lived token' })).toMatchObject({
      success: true,
    });
    oauth().expiresIn = 3600;
    const [refreshes, posts] = [oauth().refreshes, meta.requests.length];
    expect(await run(org, 'post_to_social', { text: 'refreshes first' })).toMatchObject({ success: true });
    expect(oauth().refreshes - refreshes).toBe(1);
    // The token request, then one post that succeeded: no 401 was needed.
    expect(meta.requests.slice(posts).map((request) => request.path)).toEqual(['/oauth/token', '/1234/feed']);
    oauth().revokeAll();
    expect(await run(org, 'post_to_social', { text: 'revoked' })).toMatchObject({
      success: false,
      error: {
        code: 'auth_failed',
        message: expect.stringContaining('refused the authorization (invalid_grant)'),
      },
    });
    const connection = await org.transaction((tx) =>
      tx.toolsConnection.findFirstOrThrow({ where: { provider: 'meta' } }),
    );
    expect(connection.health).toBe('error');
  });

  it('the callback refuses an unknown state', async () => {
    const { finishOAuth } = await import('../src/connections/oauth-connect.service');
    await expect(
      org.transaction((tx) =>
        finishOAuth(tx, { state: 'forged', code: 'whatever' }, { user: { id: 'owner-1' }, tenant: org }),
      ),
    ).rejects.toThrow(/unknown or expired/);
  });
});
