import type { OrgScope } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCrmDriver } from '../src/crm-drivers/crm-driver.service';
import { saveFieldMapping } from '../src/crm-drivers/field-mapping.service';
import { configureVault } from '../src/vault/keyring';
import { crmDriverContract } from './support/crm-driver-contract';
import {
  REST_CRM_KEY,
  type RestCrmStandIn,
  startRestCrmStandIn,
} from './support/stand-ins/rest-crm.stand-in';
import { connect, SLOW_MACHINE } from './support/tool-calls';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';

const purpose = { actorType: 'tool', actorId: 'assistant', purpose: 'crm' } as const;

async function connectedRestCrm(settings: Record<string, unknown> = {}) {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  const [fixture, crm] = await Promise.all([toolsFixture(), startRestCrmStandIn()]);
  const org = await fixture.createOrg();
  const verified = await connect(
    org,
    'generic-rest',
    { secret: REST_CRM_KEY },
    { baseUrl: `${crm.url}/api`, authType: 'header', authHeader: 'X-API-Key', ...settings },
  );
  expect(verified).toMatchObject({ ok: true });
  const using = <T>(use: Parameters<typeof withCrmDriver<T>>[3]) =>
    org.transaction((tx) => withCrmDriver(tx, {}, { orgId: org.orgId, purpose }, use), SLOW_MACHINE);
  return { fixture, crm, org, using };
}

crmDriverContract('generic REST (stand-in)', async () => {
  const { fixture, crm, org, using } = await connectedRestCrm();
  return {
    using,
    created: async () => crm.createdContacts(),
    stored: async (object, id) => crm.stored(object === 'contact' ? 'contacts' : 'companies', id),
    saveMapping: async (fields) => {
      await org.transaction((tx) => saveFieldMapping(tx, { provider: 'generic-rest', fields }));
    },
    phonePaths: { standard: 'phone', alternate: 'mobile' },
    hardDeletes: true,
    loggedCalls: async () => crm.calls().map((call) => ({ stored: call, contactId: call.contactId })),
    close: async () => {
      await Promise.all([fixture.close(), crm.close()]);
    },
  };
});

describe('generic REST driver', () => {
  let fixture: ToolsFixture;
  let crm: RestCrmStandIn;
  let org: OrgScope;
  afterAll(() => Promise.all([fixture?.close(), crm?.close()]));
  beforeAll(async () => {
    ({ fixture, crm, org } = await connectedRestCrm({ templates: { delete: null } }));
  }, 60_000);

  const using = <T>(use: Parameters<typeof withCrmDriver<T>>[3]) =>
    org.transaction((tx) => withCrmDriver(tx, {}, { orgId: org.orgId, purpose }, use), SLOW_MACHINE);

  it('a CRM without a delete template answers delete_unsupported, and the record stays', async () => {
    const { externalId } = await using((driver) =>
      driver.createRecord({ object: 'contact', fields: { lastName: 'Kept' }, idempotencyKey: 'k-keep' }),
    );
    await expect(
      using((driver) => driver.deleteRecord({ object: 'contact', externalId })),
    ).rejects.toMatchObject({
      code: 'delete_unsupported',
      message: expect.stringContaining('delete the record by hand'),
    });
    expect(crm.stored('contacts', externalId)).toMatchObject({ lastName: 'Kept' });
  });

  it('sends the secret the way the auth type says', () => {
    const [request] = crm.requests;
    expect(request?.headers['x-api-key']).toBe(REST_CRM_KEY);
    expect(request?.headers.authorization).toBeUndefined();
  });

  it('a wrong key is refused at connect, naming the secret', async () => {
    const other = await fixture.createOrg('Other');
    const verified = await connect(
      other,
      'generic-rest',
      { secret: 'wrong' },
      { baseUrl: `${crm.url}/api`, authType: 'header' },
    );
    expect(verified).toMatchObject({ ok: false, field: 'credential.secret' });
  });
});
