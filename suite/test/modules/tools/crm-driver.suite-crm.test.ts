import { crmModule } from '@suite/crm';
import type { OrgScope } from '@suite/db';
import { toolsModule } from '@suite/tools';
import {
  crmDriverContract,
  saveFieldMapping,
  type ToolsFixture,
  testKeyring,
  toolsFixture,
  withCrmDriver,
} from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationApi } from '../../support/staff-client';
import { startTestSuite, type TestSuite } from '../../support/suite-fixture';

const purpose = { actorType: 'tool', actorId: 'assistant', purpose: 'crm' } as const;

async function suiteWithCrm(): Promise<{ fixture: ToolsFixture; sut: TestSuite; org: OrgScope }> {
  const fixture = await toolsFixture();
  const sut = await startTestSuite({
    modules: [crmModule, toolsModule],
    database: fixture.database,
    env: { VAULT_KEYS: testKeyring().entries.join(','), JOBS_ENABLED: 'false' },
  });
  return { fixture, sut, org: await fixture.createOrg('CRM-driven MSP') };
}

// Our CRM module as the org's CRM, through its integration API (crm:records.*) with the tool layer's key.
crmDriverContract('our CRM module (running suite)', async () => {
  const { fixture, sut, org } = await suiteWithCrm();
  const caller = { orgId: org.orgId, integrations: sut.suite.integrations, purpose };
  return {
    using: (use) => org.transaction((tx) => withCrmDriver(tx, {}, caller, use), { timeout: 30_000 }),
    created: () => org.transaction((tx) => tx.crmContact.count()),
    stored: (object, id) =>
      org.transaction(async (tx) =>
        object === 'contact'
          ? ((await tx.crmContact.findFirst({ where: { id } })) ?? undefined)
          : ((await tx.crmCompany.findFirst({ where: { id } })) ?? undefined),
      ),
    saveMapping: async (fields) => {
      await org.transaction((tx) => saveFieldMapping(tx, { provider: 'crm', fields }));
    },
    phonePaths: { standard: 'phone', alternate: 'mobile' },
    hardDeletes: true,
    loggedCalls: null,
    close: async () => {
      await sut.close();
      await fixture.close();
    },
  };
});

describe('CRM records integration API', () => {
  let fixture: ToolsFixture;
  let sut: TestSuite;
  let org: OrgScope;
  beforeAll(async () => {
    ({ fixture, sut, org } = await suiteWithCrm());
  }, 60_000);
  afterAll(async () => {
    await sut?.close();
    await fixture?.close();
  });

  const post = async (procedure: string, key: string, input: unknown) => {
    const response = await fetch(`${sut.suite.url}/crm/integration/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-integration-key': key },
      body: JSON.stringify(input),
    });
    return { status: response.status, body: (await response.json()) as { error?: { message?: string } } };
  };

  it('needs the crm:records.create scope to create', async () => {
    const key = await sut.integrationKey(['crm:records.get'], { orgId: org.orgId, caller: 'tools' });
    const { status, body } = await post('records.create', key, {
      object: 'company',
      fields: { name: 'Acme' },
    });
    expect(status).toBe(403);
    expect(body.error?.message).toContain('crm:records.create');
  });

  it('refuses a field CRM does not have, and a contact without a company, naming the field', async () => {
    const key = await sut.integrationKey(['crm:records.create'], { orgId: org.orgId, caller: 'tools' });
    const unknown = await post('records.create', key, { object: 'contact', fields: { shoeSize: '9' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toContain('fields.shoeSize: unknown contact field');
    const orphan = await post('records.create', key, { object: 'contact', fields: { lastName: 'Hopper' } });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error?.message).toContain('fields.companyName');
  });
});

describe('CRM field mapping staff procedures', () => {
  let fixture: ToolsFixture;
  let sut: TestSuite;
  beforeAll(async () => {
    ({ fixture, sut } = await suiteWithCrm());
  }, 60_000);
  afterAll(async () => {
    await sut?.close();
    await fixture?.close();
  });

  type Mapping = { fields: { canonicalKey: string; readPath: string; writePath: string; custom: boolean }[] };

  it('an owner saves and reads the mapping; a refused one names the key', async () => {
    const owner = await sut.staff('olivia@northwind.test', 'tools');
    const saved = await owner.mutate<Mapping>('crmFieldMappings.save', {
      provider: 'hubspot',
      fields: [{ canonicalKey: 'contact.phone', readPath: 'mobilephone' }],
    });
    expect(saved.status).toBe(200);
    const read = await owner.query<Mapping>('crmFieldMappings.get', { provider: 'hubspot' });
    expect(read.data.fields).toContainEqual({
      canonicalKey: 'contact.phone',
      readPath: 'mobilephone',
      writePath: 'mobilephone',
      custom: true,
    });
    const refused = await owner.mutate('crmFieldMappings.save', {
      provider: 'hubspot',
      fields: [{ canonicalKey: 'contact.mobile', readPath: 'mobilephone' }],
    });
    expect(refused.status).toBe(400);
    expect(refused.message).toContain('unknown canonical key "contact.mobile"');
  });

  it('needs tools.connections.manage', async () => {
    const member = await sut.staff('mia@northwind.test', 'tools');
    expect((await member.query('crmFieldMappings.get', { provider: 'hubspot' })).status).toBe(403);
    expect((await member.mutate('crmFieldMappings.save', { provider: 'hubspot', fields: [] })).status).toBe(
      403,
    );
  });
});

describe("tools integration API: the org's CRM, whichever it is", () => {
  let fixture: ToolsFixture;
  let sut: TestSuite;
  let org: OrgScope;
  const tools = integrationApi('tools');
  beforeAll(async () => {
    ({ fixture, sut, org } = await suiteWithCrm());
  }, 60_000);
  afterAll(async () => {
    await sut?.close();
    await fixture?.close();
  });

  const keyFor = (scopes: string[]) =>
    sut.integrationKey(scopes, { orgId: org.orgId, caller: 'voice', target: 'tools' });
  type Record = { externalId: string; fields: { [field: string]: string } };

  it('a sister product creates once per key and looks the customer up by number however written, landing in our CRM', async () => {
    const key = await keyFor(['tools:crm.*']);
    const input = {
      object: 'contact',
      fields: { firstName: 'Grace', lastName: 'Hopper', phone: '+442079460123', companyName: 'Navy Labs' },
      idempotencyKey: 'call-42:turn-3',
    };
    const created = await tools.mutate<Record>(sut.suite.url, key, 'crm.createRecord', input);
    const again = await tools.mutate<Record>(sut.suite.url, key, 'crm.createRecord', input);
    expect(created.status).toBe(200);
    expect(again.data.externalId).toBe(created.data.externalId);
    expect(await org.transaction((tx) => tx.crmContact.count({ where: { name: 'Grace Hopper' } }))).toBe(1);
    const found = await tools.query<Record>(sut.suite.url, key, 'crm.lookupCustomer', {
      phone: '+44 20 7946 0123',
    });
    expect(found.data).toMatchObject({
      externalId: created.data.externalId,
      fields: { firstName: 'Grace', companyName: 'Navy Labs' },
    });
  });

  it("needs the verb's scope, and refusals name the field", async () => {
    const reader = await keyFor(['tools:crm.lookupCustomer']);
    const create = { object: 'contact', fields: { lastName: 'Nope' }, idempotencyKey: 'call-43:turn-1' };
    const refused = await tools.mutate(sut.suite.url, reader, 'crm.createRecord', create);
    expect(refused.status).toBe(403);
    expect(refused.message).toContain('tools:crm.createRecord');
    const key = await keyFor(['tools:crm.*']);
    const unknown = await tools.mutate(sut.suite.url, key, 'crm.createRecord', {
      ...create,
      fields: { shoeSize: '9' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.message).toContain('fields.shoeSize: unknown contact field');
    const noKey = await tools.query(sut.suite.url, key, 'crm.lookupCustomer', {});
    expect(noKey.status).toBe(400);
    expect(noKey.message).toContain('give at least one of phone, email or externalId');
    const company = await tools.mutate<Record>(sut.suite.url, key, 'crm.createRecord', {
      object: 'company',
      fields: { name: 'Kept Ltd' },
      idempotencyKey: 'call-44:turn-1',
    });
    const kept = await tools.mutate(sut.suite.url, key, 'crm.deleteRecord', {
      object: 'company',
      externalId: company.data.externalId,
    });
    expect(kept.status).toBe(400);
    expect(kept.message).toContain('CRM deletes companies only from its staff console');
  });
});
