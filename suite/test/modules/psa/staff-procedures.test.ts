import { forOrg } from '@suite/db';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { psaModule } from '@suite/psa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaffClient } from '../../support/staff-client';
import { eventually, NORTHWIND, startTestSuite, type TestSuite } from '../../support/suite-fixture';
import { promotion } from './support/crm-event.data';

// PSA's staff API on its own (no CRM in this process): permissions, validation, the catalog, and what
// the CRM-backed parts do when CRM cannot be reached.
let fx: TestSuite;
let admin: StaffClient;
let clientId: string;

beforeAll(async () => {
  fx = await startTestSuite({ modules: [psaModule] });
  admin = await fx.staff('olivia@northwind.test', 'psa');
  const promoted = promotion();
  await fx.publishAs({ type: 'crm.company.promoted', data: promoted });
  clientId = await eventually('the promoted client', async () => {
    const clients = await admin.query<{ id: string; crmCompanyId: string }[]>('clients.list');
    return clients.data.find((client) => client.crmCompanyId === promoted.companyId)?.id;
  });
});
afterAll(() => fx?.close());

describe('PSA staff procedures', () => {
  it('answers 401 without a Hub session and 403 naming the permission a role lacks', async () => {
    const anonymous = new StaffClient(new StaffBrowser(fx.suite.url), 'psa');
    expect((await anonymous.query('clients.list')).status).toBe(401);
    const viewer = await fx.staff('victor@northwind.test', 'psa');
    expect((await viewer.query('clients.list')).status).toBe(200);
    const refused = await viewer.mutate('tickets.create', { clientId, subject: 'Hi' });
    expect(refused.status).toBe(403);
    expect(refused.message).toContain('missing permission psa.tickets.write');
    const member = await fx.staff('mia@northwind.test', 'psa');
    const contracts = await member.query<{ id: string }[]>('contracts.list', { clientId });
    const notSigner = await member.mutate('contracts.sign', { contractId: contracts.data[0]?.id });
    expect(notSigner.status).toBe(403);
    expect(notSigner.message).toContain('missing permission psa.contracts.sign');
  });

  it("answers 404 for another org's contract, 409 for amending a draft, 400 for an amendment that changes nothing", async () => {
    const contracts = await admin.query<{ id: string; name: string }[]>('contracts.list', { clientId });
    const contract = contracts.data[0] as { id: string; name: string };
    const contoso = await fx.staff('carl@contoso.test', 'psa');
    const foreign = await contoso.mutate('contracts.sign', { contractId: contract.id });
    expect(foreign.status).toBe(404);
    expect(foreign.message).toBe(`contract ${contract.id} not found`);
    const draft = await admin.mutate('contracts.amend', { contractId: contract.id, changes: { terms: 'x' } });
    expect(draft.status).toBe(409);
    expect(draft.message).toContain('is draft, not signed');
    await admin.ok('contracts.sign', { contractId: contract.id });
    const same = await admin.mutate('contracts.amend', {
      contractId: contract.id,
      changes: { name: contract.name },
    });
    expect(same.status).toBe(400);
    expect(same.message).toContain('the amendment changes nothing');
  });

  it('answers 400 naming the field on bad input', async () => {
    const cases: [string, unknown, string][] = [
      ['tickets.create', { clientId, subject: '' }, 'subject'],
      ['clients.setStatus', { clientId, status: 'gone' }, 'status'],
      ['csat.submit', { clientId, score: 9 }, 'score'],
      ['services.create', { code: 'M365', name: 'M365', unitPrice: '12.5.0', recurring: true }, 'unitPrice'],
      ['contracts.sign', { contractId: 'not-a-uuid' }, 'contractId'],
    ];
    for (const [path, input, field] of cases) {
      const answer = await admin.mutate(path, input);
      expect(answer.status, path).toBe(400);
      expect(answer.message, path).toContain(`"${field}"`);
    }
  });

  it('keeps a services catalog: create, refuse a duplicate code, update, archive', async () => {
    const created = await admin.ok<{ id: string; unitPrice: string }>('services.create', {
      code: 'BACKUP-PRO',
      name: 'Backup Pro',
      unitPrice: '49.9',
      recurring: true,
    });
    expect(created.unitPrice).toBe('49.90');
    const duplicate = await admin.mutate('services.create', {
      code: 'BACKUP-PRO',
      name: 'Again',
      unitPrice: '1',
      recurring: false,
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.message).toContain('a service with code BACKUP-PRO exists');
    await admin.ok('services.update', { serviceId: created.id, changes: { unitPrice: '59.00' } });
    await admin.ok('services.archive', { serviceId: created.id });
    const listed = await admin.query<{ code: string; unitPrice: string; archived: boolean }[]>(
      'services.list',
      {
        includeArchived: true,
      },
    );
    expect(listed.data.find((service) => service.code === 'BACKUP-PRO')).toMatchObject({
      unitPrice: '59.00',
      archived: true,
    });
    expect((await admin.query<unknown[]>('services.list')).data).toEqual([]);
  });

  it('numbers tickets per org and refuses to change a closed one', async () => {
    const first = await admin.ok<{ id: string; number: number }>('tickets.create', {
      clientId,
      subject: 'VPN',
    });
    const second = await admin.ok<{ number: number }>('tickets.create', { clientId, subject: 'Email' });
    expect(second.number).toBe(first.number + 1);
    await admin.ok('tickets.close', { ticketId: first.id });
    const closed = await admin.mutate('tickets.update', {
      ticketId: first.id,
      changes: { priority: 'urgent' },
    });
    expect(closed.status).toBe(409);
    expect(closed.message).toContain(`ticket #${first.number} is closed`);
  });

  it('shows the sidebar with PSA data and a "CRM unavailable" part when CRM cannot be reached', async () => {
    const sidebar = await admin.query<{
      client: { id: string };
      contacts: unknown[];
      crm: { available: boolean; message: string };
    }>('clients.sidebar', { clientId });
    expect(sidebar.status).toBe(200);
    expect(sidebar.data.client.id).toBe(clientId);
    expect(sidebar.data.contacts).toHaveLength(2);
    expect(sidebar.data.crm).toEqual({
      available: false,
      message: expect.stringMatching(/^CRM unavailable: crm does not run in this process; set CRM_API_URL/),
    });
  });

  it('adds a service without a quote, and adds nothing when the CRM quote fails', async () => {
    await admin.ok('services.create', {
      code: 'HELPDESK',
      name: 'Helpdesk',
      unitPrice: '25',
      recurring: true,
    });
    const added = await admin.ok<{ quote: unknown; quantity: number }>('clients.addService', {
      clientId,
      serviceCode: 'HELPDESK',
      quantity: 3,
      createQuote: false,
    });
    expect(added).toMatchObject({ quantity: 3, quote: null });
    const quoted = await admin.mutate('clients.addService', {
      clientId,
      serviceCode: 'HELPDESK',
      quantity: 1,
    });
    expect(quoted.status).toBe(502);
    expect(quoted.message).toMatch(/^CRM could not create the quote, nothing was added: crm does not run/);
    const rows = await forOrg(fx.database.db.app, NORTHWIND).transaction((tx) =>
      tx.psaClientService.count({ where: { clientId } }),
    );
    expect(rows).toBe(1);
  });
});
