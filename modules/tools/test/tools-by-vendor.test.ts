import type { OrgScope } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureVault } from '../src/vault/keyring';
import type { VendorStandIn } from './support/stand-ins/vendor-stand-ins';
import { run } from './support/tool-calls';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';
import { VENDOR_CASES } from './support/vendor-cases';

let fixture: ToolsFixture;

beforeAll(async () => {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  fixture = await toolsFixture();
});
afterAll(() => fixture.close());

describe.each(VENDOR_CASES)('$tool through $provider', (vendor) => {
  let standIn: VendorStandIn;
  let org: OrgScope;

  beforeAll(async () => {
    [standIn, org] = await Promise.all([vendor.start(), fixture.createOrg(`${vendor.provider} customer`)]);
    expect(await vendor.connect(org, standIn)).toMatchObject({ ok: true, health: 'connected' });
  });
  afterAll(() => standIn.close());

  const input = () => (typeof vendor.input === 'function' ? vendor.input(standIn) : vendor.input);
  const connectionHealth = () =>
    org.transaction(
      async (tx) =>
        (await tx.toolsConnection.findFirstOrThrow({ where: { provider: vendor.provider } })).health,
    );

  it('runs and answers a vendor-neutral result, once per idempotency key', async () => {
    const result = await run(org, vendor.tool, input(), { idempotencyKey: `${vendor.provider}-1` });
    expect(result).toEqual({ success: true, provider: vendor.provider, ...vendor.output });
    const effects = standIn.effects.length;
    expect(await run(org, vendor.tool, input(), { idempotencyKey: `${vendor.provider}-1` })).toEqual(result);
    expect(standIn.effects.length).toBe(effects);
    for (const secret of vendor.secrets) expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('a vendor refusal is a named failure that leaves the connection healthy', async () => {
    const result = await run(org, vendor.tool, vendor.refused.input);
    expect(result).toMatchObject({
      success: false,
      provider: vendor.provider,
      error: { code: 'vendor_rejected', message: expect.stringMatching(vendor.refused.message) },
    });
    if (vendor.refused.field) expect(result).toMatchObject({ error: { field: vendor.refused.field } });
    expect(await connectionHealth()).toBe('connected');
  });

  it('a vendor outage answers vendor_unavailable or rate_limited, not a crash', async () => {
    standIn.state.failNext = 503;
    const result = await run(org, vendor.tool, input());
    expect(result).toMatchObject({
      success: false,
      error: { code: expect.stringMatching(/^(vendor_unavailable|rate_limited)$/) },
    });
  });

  it('an auth failure answers auth_failed and moves the connection to Error', async () => {
    vendor.revoke(standIn);
    const result = await run(org, vendor.tool, input());
    expect(result).toMatchObject({
      success: false,
      error: { code: 'auth_failed', message: expect.stringMatching(/rejected|refused/) },
    });
    for (const secret of vendor.secrets) expect(JSON.stringify(result)).not.toContain(secret);
    expect(await connectionHealth()).toBe('error');
  });
});
