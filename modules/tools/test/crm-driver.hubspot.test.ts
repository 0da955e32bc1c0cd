import type { OrgScope } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCrmDriver } from '../src/crm-drivers/crm-driver.service';
import { readFieldMapping, saveFieldMapping } from '../src/crm-drivers/field-mapping.service';
import { configureVault } from '../src/vault/keyring';
import { crmDriverContract } from './support/crm-driver-contract';
import { connectOAuth } from './support/oauth-connect';
import { type HubspotStandIn, startHubspotStandIn } from './support/stand-ins/hubspot.stand-in';
import { SLOW_MACHINE } from './support/tool-calls';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';

const purpose = { actorType: 'tool', actorId: 'assistant', purpose: 'crm' } as const;

async function connectedHubspot(): Promise<{
  fixture: ToolsFixture;
  hubspot: HubspotStandIn;
  org: OrgScope;
}> {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  const [fixture, hubspot] = await Promise.all([toolsFixture(), startHubspotStandIn()]);
  const org = await fixture.createOrg();
  expect(await connectOAuth(org, 'hubspot', hubspot.url, {})).toMatchObject({ ok: true });
  return { fixture, hubspot, org };
}

crmDriverContract('HubSpot (stand-in)', async () => {
  const { fixture, hubspot, org } = await connectedHubspot();
  return {
    using: (use) =>
      org.transaction((tx) => withCrmDriver(tx, {}, { orgId: org.orgId, purpose }, use), SLOW_MACHINE),
    created: async () => hubspot.createdContacts(),
    stored: async (object, externalId) =>
      hubspot.stored(object === 'contact' ? 'contacts' : 'companies', externalId)?.properties,
    saveMapping: async (fields) => {
      await org.transaction((tx) => saveFieldMapping(tx, { provider: 'hubspot', fields }));
    },
    phonePaths: { standard: 'phone', alternate: 'mobilephone' },
    hardDeletes: false,
    loggedCalls: async () =>
      hubspot.calls().map((call) => ({ stored: call.properties, contactId: call.associatedIds[0] })),
    close: async () => {
      await Promise.all([fixture.close(), hubspot.close()]);
    },
  };
});

describe('HubSpot driver', () => {
  let fixture: ToolsFixture;
  let hubspot: HubspotStandIn;
  let org: OrgScope;
  beforeAll(async () => {
    ({ fixture, hubspot, org } = await connectedHubspot());
  }, 60_000);
  afterAll(() => Promise.all([fixture?.close(), hubspot?.close()]));

  const using = <T>(use: Parameters<typeof withCrmDriver<T>>[3]) =>
    org.transaction(
      (tx) => withCrmDriver(tx, { provider: 'hubspot' }, { orgId: org.orgId, purpose }, use),
      SLOW_MACHINE,
    );

  it('speaks HubSpot v3: Bearer token, { properties } bodies, archive on DELETE', async () => {
    const record = await using((driver) =>
      driver.createRecord({
        object: 'contact',
        fields: { email: 'grace@example.com' },
        idempotencyKey: 'k-wire',
      }),
    );
    const post = hubspot.requests.find(
      (request) => request.method === 'POST' && request.path === '/crm/v3/objects/contacts',
    );
    expect(post?.headers.authorization).toMatch(/^Bearer at-/);
    expect(post?.fields).toEqual({ properties: { email: 'grace@example.com' } });
    await using((driver) => driver.deleteRecord({ object: 'contact', externalId: record.externalId }));
    expect(hubspot.stored('contacts', record.externalId)).toMatchObject({ archived: true });
  });

  it("a property HubSpot does not have is refused with HubSpot's reason, not a crash", async () => {
    await org.transaction((tx) =>
      saveFieldMapping(tx, {
        provider: 'hubspot',
        fields: [{ canonicalKey: 'contact.jobTitle', readPath: 'job_title_x' }],
      }),
    );
    try {
      await expect(
        using((driver) =>
          driver.createRecord({
            object: 'contact',
            fields: { jobTitle: 'CTO' },
            idempotencyKey: 'k-bad-prop',
          }),
        ),
      ).rejects.toMatchObject({
        failure: 'rejected',
        message: expect.stringContaining('Property "job_title_x" does not exist'),
      });
    } finally {
      await org.transaction((tx) => saveFieldMapping(tx, { provider: 'hubspot', fields: [] }));
    }
  });

  it('two concurrent calls with one idempotency key create one contact', async () => {
    const before = hubspot.createdContacts();
    const create = () =>
      using((driver) =>
        driver.createRecord({
          object: 'contact',
          fields: { email: 'twin@example.com' },
          idempotencyKey: 'k-twin',
        }),
      );
    const [first, second] = await Promise.all([create(), create()]);
    expect(second.externalId).toBe(first.externalId);
    expect(hubspot.createdContacts() - before).toBe(1);
  });

  it('a revoked authorization answers testConnection with the reconnect advice', async () => {
    hubspot.oauth.revokeAll();
    expect(await using((driver) => driver.testConnection())).toEqual({
      ok: false,
      reason: expect.stringContaining('connect HubSpot again'),
    });
  });
});

describe('CRM field mapping', () => {
  let fixture: ToolsFixture;
  let org: OrgScope;
  beforeAll(async () => {
    fixture = await toolsFixture();
    org = await fixture.createOrg();
  });
  afterAll(() => fixture?.close());

  const save = (fields: { canonicalKey: string; readPath: string; writePath?: string }[]) =>
    org.transaction((tx) => saveFieldMapping(tx, { provider: 'hubspot', fields }));

  it("defaults reproduce the driver's built-in names", async () => {
    const view = await org.transaction((tx) => readFieldMapping(tx, { provider: 'hubspot' }));
    expect(view.fields).toContainEqual({
      canonicalKey: 'contact.firstName',
      readPath: 'firstname',
      writePath: 'firstname',
      custom: false,
    });
    expect(view.fields).toContainEqual({
      canonicalKey: 'company.domain',
      readPath: 'domain',
      writePath: 'domain',
      custom: false,
    });
  });

  it('saves overrides per org, read and write apart, and shows them as custom', async () => {
    const view = await save([{ canonicalKey: 'contact.phone', readPath: 'mobilephone', writePath: 'phone' }]);
    expect(view.fields).toContainEqual({
      canonicalKey: 'contact.phone',
      readPath: 'mobilephone',
      writePath: 'phone',
      custom: true,
    });
    const other = await fixture.createOrg('Other MSP');
    const theirs = await other.transaction((tx) => readFieldMapping(tx, { provider: 'hubspot' }));
    expect(theirs.fields).toContainEqual({
      canonicalKey: 'contact.phone',
      readPath: 'phone',
      writePath: 'phone',
      custom: false,
    });
  });

  it('refuses an unknown canonical key, naming it and the known ones', async () => {
    await expect(save([{ canonicalKey: 'contact.shoeSize', readPath: 'shoe' }])).rejects.toMatchObject({
      field: 'fields.0.canonicalKey',
      message: expect.stringMatching(
        /unknown canonical key "contact\.shoeSize"; expected one of contact\.email/,
      ),
    });
  });

  it('refuses an empty path, naming the key', async () => {
    await expect(save([{ canonicalKey: 'contact.email', readPath: '' }])).rejects.toMatchObject({
      field: 'fields.0.readPath',
      message: expect.stringContaining('the path of contact.email is empty'),
    });
  });

  it('refuses a provider that is not a CRM', async () => {
    await expect(
      org.transaction((tx) => saveFieldMapping(tx, { provider: 'stripe', fields: [] })),
    ).rejects.toMatchObject({ field: 'provider', message: expect.stringContaining('"stripe" is not a CRM') });
  });
});
