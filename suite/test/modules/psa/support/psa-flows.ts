import { psaEvents } from '@suite/contracts';
import { forOrg } from '@suite/db';
import { psaModule } from '@suite/psa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffClient } from '../../../support/staff-client';
import {
  eventually,
  NORTHWIND,
  startTestSuite,
  type TestSuite,
  type TransportName,
} from '../../../support/suite-fixture';
import { contact, dealWon, promotion } from './crm-event.data';

/**
 * PSA's side of every bus flow of issue 5, checked the same way on both transports: CRM's events go in
 * through the real outbox, relay and consumer; PSA's events come out to a consumer on the same bus.
 */
export function psaFlows(transport: TransportName): void {
  describe(`PSA flows over the bus: ${transport}`, () => {
    let fx: TestSuite;
    let admin: StaffClient;
    beforeAll(async () => {
      fx = await startTestSuite({ transport, modules: [psaModule], observe: psaEvents });
      admin = await fx.staff('olivia@northwind.test', 'psa');
    });
    afterAll(() => fx?.close());

    const tenant = () => forOrg(fx.database.db.app, NORTHWIND);
    const clientOf = (crmCompanyId: string) =>
      tenant().transaction((tx) =>
        tx.psaClient.findFirst({
          where: { crmCompanyId },
          include: { contacts: { orderBy: { name: 'asc' } }, contracts: true },
        }),
      );
    const handled = (event: { id: string }) => fx.handled(event.id);
    const receivedOf = (type: string, key: (data: Record<string, unknown>) => boolean) =>
      eventually(`${type} on the bus`, async () =>
        fx.received.find((event) => event.type === type && key(event.data as Record<string, unknown>)),
      );

    /** A promoted client with its draft contract, ready for the PSA → CRM flows. */
    async function promotedClient() {
      const promoted = promotion();
      await fx.publishAs({ type: 'crm.company.promoted', data: promoted });
      const client = await eventually('the promoted client', () => clientOf(promoted.companyId));
      return { promoted, client, contract: client.contracts[0] as { id: string } };
    }

    it(`carries the events on ${transport}`, async () => {
      await handled(await fx.publishAs({ type: 'crm.deal.won', data: dealWon({ createProject: false }) }));
      // The PostgreSQL log is the bus.log table; on Kafka it stays empty.
      const logged = await fx.database.db.system.busLogEntry.count();
      expect(logged > 0).toBe(transport === 'postgres');
    });

    it('flow 1: a promotion creates the client with its contacts and a draft contract, once', async () => {
      const promoted = promotion();
      await fx.publishAs({ type: 'crm.company.promoted', data: promoted });
      const client = await eventually('the promoted client', () => clientOf(promoted.companyId));
      expect(client).toMatchObject({ name: 'Fabrikam', domain: 'fabrikam.test', status: 'active' });
      expect(client.contacts.map((c) => [c.name, c.email])).toEqual([
        ['Ann', 'ann@client.test'],
        ['Bob', 'bob@client.test'],
      ]);
      expect(client.contracts).toHaveLength(1);
      expect(client.contracts[0]).toMatchObject({
        status: 'draft',
        revision: 1,
        crmDealId: promoted.contract?.dealId,
        currency: 'USD',
        termMonths: 12,
      });
      expect(client.contracts[0]?.monthlyValue.toFixed(2)).toBe('1200.00');

      // Promoting again (renamed, Bob gone) updates the same client and draft, adds nothing.
      const again = { ...promoted, name: 'Fabrikam Ltd', contacts: promoted.contacts.slice(0, 1) };
      await handled(await fx.publishAs({ type: 'crm.company.promoted', data: again }));
      const updated = await clientOf(promoted.companyId);
      expect(updated?.id).toBe(client.id);
      expect(updated?.name).toBe('Fabrikam Ltd');
      expect(updated?.contacts.map((c) => c.name)).toEqual(['Ann']);
      expect(updated?.contracts.map((c) => c.id)).toEqual([client.contracts[0]?.id]);
    });

    it('flow 1: later contact changes keep flowing (created, updated, removed)', async () => {
      const { promoted } = await promotedClient();
      const [ann] = promoted.contacts;
      const carol = contact('Carol');
      const change = (kind: 'created' | 'updated' | 'removed', person: typeof carol) =>
        fx.publishAs({
          type: 'crm.company.contact_changed',
          data: {
            companyId: promoted.companyId,
            change: kind,
            contact: person,
            changedAt: new Date().toISOString(),
          },
        });
      await change('created', carol);
      await change('updated', { ...carol, title: 'CIO' });
      await handled(await change('removed', ann as typeof carol));
      const client = await clientOf(promoted.companyId);
      expect(client?.contacts.map((c) => [c.name, c.title])).toEqual([
        ['Bob', 'IT lead'],
        ['Carol', 'CIO'],
      ]);
    });

    it('flow 2: a won deal opens exactly one project, and none when the deal says no', async () => {
      const deal = dealWon();
      await fx.publishAs({ type: 'crm.deal.won', data: deal });
      await handled(await fx.publishAs({ type: 'crm.deal.won', data: { ...deal, via: 'contract_signed' } }));
      const declined = dealWon({ createProject: false });
      await handled(await fx.publishAs({ type: 'crm.deal.won', data: declined }));
      const projects = await tenant().transaction((tx) =>
        tx.psaProject.findMany({ where: { crmDealId: { in: [deal.dealId, declined.dealId] } } }),
      );
      expect(projects.map((p) => [p.crmDealId, p.name, p.recurringRevenue.toFixed(2)])).toEqual([
        [deal.dealId, 'Fabrikam onboarding', '1200.00'],
      ]);
    });

    it('flow 8 source: signing a contract publishes psa.contract.signed with the CRM deal', async () => {
      const { promoted, client, contract } = await promotedClient();
      const signed = await admin.ok<{ status: string }>('contracts.sign', { contractId: contract.id });
      expect(signed.status).toBe('signed');
      const event = await receivedOf('psa.contract.signed', (data) => data.contractId === contract.id);
      expect(event.data).toMatchObject({
        clientId: client.id,
        crmCompanyId: promoted.companyId,
        crmDealId: promoted.contract?.dealId,
        monthlyValue: '1200.00',
      });
      expect(event.orgid).toBe(NORTHWIND);
      const twice = await admin.mutate('contracts.sign', { contractId: contract.id });
      expect(twice.status).toBe(409);
      expect(twice.message).toMatch(/already signed .*amend it/);
    });

    it('flow 7 source: amending a signed contract publishes the changes and the new revision', async () => {
      const { contract } = await promotedClient();
      await admin.ok('contracts.sign', { contractId: contract.id });
      const amended = await admin.ok<{ revision: number }>('contracts.amend', {
        contractId: contract.id,
        changes: { monthlyValue: '1500', termMonths: 24, name: 'Managed services' },
      });
      expect(amended.revision).toBe(2);
      const event = await receivedOf('psa.contract.amended', (data) => data.contractId === contract.id);
      expect(event.data).toMatchObject({
        revision: 2,
        changes: [
          { field: 'monthlyValue', from: '1200.00', to: '1500.00' },
          { field: 'termMonths', from: '12', to: '24' },
        ],
      });
    });

    it('flow 9 source: a client status change publishes psa.client.status_changed', async () => {
      const { promoted, client } = await promotedClient();
      const churned = await admin.ok<{ status: string }>('clients.setStatus', {
        clientId: client.id,
        status: 'churned',
        reason: 'moved to another MSP',
      });
      expect(churned.status).toBe('churned');
      const event = await receivedOf('psa.client.status_changed', (data) => data.clientId === client.id);
      expect(event.data).toMatchObject({
        crmCompanyId: promoted.companyId,
        status: 'churned',
        previousStatus: 'active',
        reason: 'moved to another MSP',
      });
    });

    it('flows 10 and 11 source: tickets and CSAT answers reach the bus in order', async () => {
      const { promoted, client } = await promotedClient();
      const ticket = await admin.ok<{ id: string; number: number }>('tickets.create', {
        clientId: client.id,
        subject: 'Printer offline',
        priority: 'high',
      });
      await admin.ok('tickets.update', { ticketId: ticket.id, changes: { status: 'in_progress' } });
      await admin.ok('tickets.close', { ticketId: ticket.id });
      await admin.ok('csat.submit', {
        clientId: client.id,
        ticketId: ticket.id,
        score: 4,
        comment: 'quick fix',
      });
      await receivedOf('psa.csat.submitted', (data) => data.ticketId === ticket.id);
      const ofTicket = await eventually('three ticket events', async () => {
        const events = fx.received.filter(
          (event) => (event.data as { ticketId?: string }).ticketId === ticket.id,
        );
        return events.length >= 4 && events;
      });
      expect(
        ofTicket
          .filter((e) => e.type.startsWith('psa.ticket'))
          .map((e) => [e.type, (e.data as { status?: string }).status]),
      ).toEqual([
        ['psa.ticket.created', 'new'],
        ['psa.ticket.updated', 'in_progress'],
        ['psa.ticket.closed', 'closed'],
      ]);
      expect(ofTicket.find((e) => e.type === 'psa.csat.submitted')?.data).toMatchObject({
        crmCompanyId: promoted.companyId,
        clientId: client.id,
        score: 4,
        comment: 'quick fix',
      });
    });
  });
}
