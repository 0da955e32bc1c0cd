import type { OrgScope } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRateLimit } from '../src/rate-limits/rate-limit.service';
import { configureVault } from '../src/vault/keyring';
import { CHILD_PROCESSES_TIMEOUT, raceProcesses } from './support/child-processes';
import { KEYS, startGoogleMapsStandIn, type VendorStandIn } from './support/stand-ins/vendor-stand-ins';
import { connect, run } from './support/tool-calls';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';

const { entries } = testKeyring();
let fixture: ToolsFixture;
let maps: VendorStandIn;
let org: OrgScope;

beforeAll(async () => {
  configureVault({ VAULT_KEYS: entries.join(',') });
  [fixture, maps] = await Promise.all([toolsFixture(), startGoogleMapsStandIn()]);
  org = await fixture.createOrg();
  await connect(org, 'google-maps', { apiKey: KEYS.googleMaps }, { apiBaseUrl: maps.url });
});
afterAll(async () => {
  await Promise.all([fixture.close(), maps.close()]);
});

const geocodes = () =>
  maps.requests.filter((request) => request.query.get('address') === '1 Main St, Springfield').length;

describe('per (org, tool) rate limits', () => {
  it(
    'two processes share one limit: the total in a window never exceeds it',
    async () => {
      await org.transaction((tx) => setRateLimit(tx, 'geocode_address', { limit: 7, windowSeconds: 3600 }));
      const before = geocodes();
      const counts = (await raceProcesses('rate-racer.ts', [fixture.database.url, org.orgId, '10'], {
        VAULT_KEYS: entries.join(','),
      })) as { succeeded: number; limited: number }[];
      const succeeded = counts.reduce((sum, count) => sum + count.succeeded, 0);
      const limited = counts.reduce((sum, count) => sum + count.limited, 0);
      const windows = await fixture.database.db.system.toolsRateWindow.findMany({
        where: { orgId: org.orgId, tool: 'geocode_address' },
      });
      expect(windows.every((window) => window.used <= 7)).toBe(true);
      expect(succeeded).toBe(windows.reduce((sum, window) => sum + window.used, 0));
      expect(succeeded + limited).toBe(20);
      expect(succeeded).toBeLessThanOrEqual(windows.length * 7);
      expect(geocodes() - before).toBe(succeeded);
    },
    CHILD_PROCESSES_TIMEOUT,
  );

  it('over the limit answers a named error with a retry-after; another org is not affected', async () => {
    const result = await run(org, 'geocode_address', { address: '1 Main St, Springfield' });
    expect(result).toEqual({
      success: false,
      error: {
        code: 'rate_limited',
        message: expect.stringMatching(
          /^geocode_address: this org's limit of 7 calls per 3600s is used up; retry in \d+s$/,
        ),
        retry_after_seconds: expect.any(Number),
      },
    });
    const other = await fixture.createOrg('Other');
    await connect(other, 'google-maps', { apiKey: KEYS.googleMaps }, { apiBaseUrl: maps.url });
    expect(await run(other, 'geocode_address', { address: '1 Main St, Springfield' })).toMatchObject({
      success: true,
    });
  });

  it(
    'a background call waits a used-up window out instead of failing; two processes still share the limit',
    async () => {
      const waiting = await fixture.createOrg('Waiting');
      await connect(waiting, 'google-maps', { apiKey: KEYS.googleMaps }, { apiBaseUrl: maps.url });
      await waiting.transaction((tx) => setRateLimit(tx, 'geocode_address', { limit: 3, windowSeconds: 2 }));
      const counts = (await raceProcesses(
        'rate-racer.ts',
        [fixture.database.url, waiting.orgId, '4', 'background'],
        {
          VAULT_KEYS: entries.join(','),
        },
      )) as { succeeded: number; limited: number }[];
      expect(counts).toEqual([
        { succeeded: 4, limited: 0 },
        { succeeded: 4, limited: 0 },
      ]);
      const windows = await fixture.database.db.system.toolsRateWindow.findMany({
        where: { orgId: waiting.orgId, tool: 'geocode_address' },
      });
      expect(windows.every((window) => window.used <= 3)).toBe(true);
      expect(windows.reduce((sum, window) => sum + window.used, 0)).toBe(8);
      // Eight calls at three per window need at least three windows: the waits really happened.
      expect(windows.length).toBeGreaterThanOrEqual(3);
    },
    CHILD_PROCESSES_TIMEOUT,
  );
});
