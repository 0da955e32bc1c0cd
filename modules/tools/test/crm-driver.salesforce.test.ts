import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listConnections } from '../src/connections/connection-list.service';
import { startOAuth } from '../src/connections/oauth-connect.service';
import { withCrmDriver } from '../src/crm-drivers/crm-driver.service';
import { saveFieldMapping } from '../src/crm-drivers/field-mapping.service';
import { configureVault } from '../src/vault/keyring';
import { crmDriverContract } from './support/crm-driver-contract';
import { connectOAuth } from './support/oauth-connect';
import { OAUTH_CLIENT } from './support/stand-ins/oauth.stand-in';
import { type SalesforceStandIn, startSalesforceStandIn } from './support/stand-ins/salesforce.stand-in';
import { SLOW_MACHINE } from './support/tool-calls';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';

const purpose = { actorType: 'tool', actorId: 'assistant', purpose: 'crm' } as const;

async function connectedSalesforce() {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  const [fixture, salesforce] = await Promise.all([toolsFixture(), startSalesforceStandIn()]);
  const org = await fixture.createOrg();
  expect(
    await connectOAuth(org, 'salesforce', salesforce.url, {
      instanceUrl: salesforce.url,
      environment: 'sandbox',
    }),
  ).toMatchObject({ ok: true });
  const using = <T>(use: Parameters<typeof withCrmDriver<T>>[3]) =>
    org.transaction((tx) => withCrmDriver(tx, {}, { orgId: org.orgId, purpose }, use), SLOW_MACHINE);
  return { fixture, salesforce, org, using };
}

crmDriverContract('Salesforce (stand-in)', async () => {
  const { fixture, salesforce, org, using } = await connectedSalesforce();
  return {
    using,
    created: async () => salesforce.createdContacts(),
    stored: async (_object, externalId) =>
      salesforce.stored(_object === 'contact' ? 'Contact' : 'Account', externalId)?.fields,
    saveMapping: async (fields) => {
      await org.transaction((tx) => saveFieldMapping(tx, { provider: 'salesforce', fields }));
    },
    phonePaths: { standard: 'Phone', alternate: 'MobilePhone' },
    hardDeletes: false,
    loggedCalls: async () =>
      salesforce.calls().map((call) => ({ stored: call.fields, contactId: call.fields.WhoId ?? undefined })),
    close: async () => {
      await Promise.all([fixture.close(), salesforce.close()]);
    },
  };
});

describe('Salesforce driver', () => {
  let fixture: ToolsFixture;
  let salesforce: SalesforceStandIn;
  let using: Awaited<ReturnType<typeof connectedSalesforce>>['using'];
  beforeAll(async () => {
    ({ fixture, salesforce, using } = await connectedSalesforce());
  }, 60_000);
  afterAll(() => Promise.all([fixture?.close(), salesforce?.close()]));

  it('signs sandbox orgs in at test.salesforce.com and production ones at login.salesforce.com', async () => {
    const fresh = await fixture.createOrg('Sandbox MSP');
    const start = (environment: string) =>
      fresh.transaction((tx) =>
        startOAuth(tx, {
          provider: 'salesforce',
          ...OAUTH_CLIENT,
          redirectUri: 'http://127.0.0.1:3000/settings/integrations/callback',
          settings: { instanceUrl: 'https://acme.my.salesforce.com', environment },
        }),
      );
    expect((await start('sandbox')).authorizeUrl).toMatch(
      /^https:\/\/test\.salesforce\.com\/services\/oauth2\/authorize\?/,
    );
    expect((await start('production')).authorizeUrl).toMatch(
      /^https:\/\/login\.salesforce\.com\/services\/oauth2\/authorize\?/,
    );
  });

  it('the connect form asks for the instance URL and the environment', async () => {
    const vendors = await fixture.createOrg('Form MSP').then((other) => other.transaction(listConnections));
    const salesforceForm = vendors.find((vendor) => vendor.provider === 'salesforce');
    expect(salesforceForm?.settingFields).toEqual(
      expect.arrayContaining([
        { name: 'instanceUrl', required: true },
        { name: 'environment', required: false },
      ]),
    );
  });

  it('a contact names its Account: found by name or created, and read back through Account.Name', async () => {
    const first = await using((driver) =>
      driver.createRecord({
        object: 'contact',
        fields: { lastName: 'Hopper', companyName: 'Navy Labs' },
        idempotencyKey: 'k-1',
      }),
    );
    const second = await using((driver) =>
      driver.createRecord({
        object: 'contact',
        fields: { lastName: 'Babbage', companyName: 'navy labs' },
        idempotencyKey: 'k-2',
      }),
    );
    const accountOf = (id: string) => salesforce.stored('Contact', id)?.fields.AccountId;
    expect(accountOf(first.externalId)).toMatch(/^001/);
    expect(accountOf(second.externalId)).toBe(accountOf(first.externalId));
    expect(second.fields.companyName).toBe('Navy Labs');
    expect(first.recordUrl).toBe(`${salesforce.url}/lightning/r/Contact/${first.externalId}/view`);
  });

  it("a contact without a last name is refused with Salesforce's reason", async () => {
    await expect(
      using((driver) =>
        driver.createRecord({ object: 'contact', fields: { firstName: 'Ada' }, idempotencyKey: 'k-3' }),
      ),
    ).rejects.toMatchObject({
      failure: 'rejected',
      message: expect.stringContaining('REQUIRED_FIELD_MISSING'),
    });
  });

  it('a search term with SOSL reserved characters is escaped, not a malformed search', async () => {
    const { records } = await using((driver) =>
      driver.searchRecords({ object: 'contact', query: "O'Brien (x)", limit: 5 }),
    );
    expect(records).toEqual([]);
  });
});
