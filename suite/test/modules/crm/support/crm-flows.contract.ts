import { randomUUID } from 'node:crypto';
import type { BusEvent } from '@suite/bus';
import { publishedEvents } from '@suite/bus/testing';
import { crmEvents } from '@suite/contracts';
import { crmModule } from '@suite/crm';
import { forOrg } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffClient } from '../../../support/staff-client';
import {
  eventually,
  NORTHWIND,
  startTestSuite,
  type TestSuite,
  type TransportName,
  userId,
} from '../../../support/suite-fixture';
import { createCompany, createDeal, type DealRow } from './crm-data';

type CrmEvent = BusEvent<(typeof crmEvents)[number]>;

type Timeline = { items: { kind: string; title: string; detail: Record<string, unknown> }[] };

/**
 * The CRM side of every CRM ⇄ PSA flow through the real bus, the same on both transports. PSA's side
 * is played by publishing PSA's contract events through the real outbox and by an observer group that
 * receives CRM's events.
 */
export function crmFlowsContract(transport: TransportName): void {
  describe(`CRM flows over the bus: ${transport}`, () => {
    let sut: TestSuite;
    let olivia: StaffClient;
    beforeAll(async () => {
      sut = await startTestSuite({ transport, modules: [crmModule], observe: crmEvents });
      olivia = await sut.staff('olivia@northwind.test', 'crm');
    });
    afterAll(async () => {
      await sut?.close();
    });

    const received = (what: string, match: (event: CrmEvent) => boolean, count = 1) =>
      eventually(what, async () => {
        const found = (sut.received as CrmEvent[]).filter(match);
        return found.length >= count && found;
      });
    const timeline = async (companyId: string) =>
      (await olivia.query<Timeline>('timeline.list', { companyId, limit: 100 })).data.items;
    const entriesOf = async (companyId: string, kind: string) =>
      (await timeline(companyId)).filter((item) => item.kind === kind);
    const outboxCount = async (type: string, key: string) =>
      (await publishedEvents(sut.database.db, { type, aggregateId: key })).length;

    it('flow 1: promotion publishes the company, contacts and contract; contact changes keep flowing', async () => {
      const company = await createCompany(olivia, 'Promoted Co', 'promoted.example');
      const contact = await olivia.mutate<{ id: string }>('contacts.create', {
        companyId: company.id,
        name: 'Ann Buyer',
        email: 'ann@promoted.example',
      });
      expect(await outboxCount('crm.company.contact_changed', company.id)).toBe(0);
      const deal = await createDeal(olivia, company.id, { termMonths: 24 });
      await olivia.mutate('deals.markWon', { dealId: deal.dealId });
      const promoted = await olivia.mutate('companies.promote', {
        companyId: company.id,
        startDate: '2027-01-01',
      });
      expect(promoted.status).toBe(200);
      await olivia.mutate('contacts.update', { contactId: contact.data.id, title: 'CTO' });
      const events = await received(
        'promotion and contact change',
        (event) => event.subject === company.id,
        2,
      );
      expect(events.map((event) => event.type)).toEqual([
        'crm.company.promoted',
        'crm.company.contact_changed',
      ]);
      expect(events[0]?.data).toMatchObject({
        companyId: company.id,
        name: 'Promoted Co',
        domain: 'promoted.example',
        contacts: [
          { contactId: contact.data.id, name: 'Ann Buyer', email: 'ann@promoted.example', title: null },
        ],
        contract: {
          dealId: deal.dealId,
          monthlyValue: '1000.00',
          currency: 'USD',
          startDate: '2027-01-01',
          termMonths: 24,
        },
        promotedBy: userId('olivia@northwind.test'),
      });
      expect(events[1]?.data).toMatchObject({
        change: 'updated',
        contact: { contactId: contact.data.id, title: 'CTO' },
      });
      const company2 = await olivia.query<{ status: string }>('companies.get', {
        companyId: company.id,
      });
      expect(company2.data.status).toBe('active');
    });

    it('flow 2: a won deal tells PSA whether to open a project (deal choice, else the org default)', async () => {
      const company = await createCompany(olivia, 'Won Co');
      const byDefault = await createDeal(olivia, company.id);
      const optedOut = await createDeal(olivia, company.id, { createProject: false });
      const choseAtWin = await createDeal(olivia, company.id);
      await olivia.mutate('deals.markWon', { dealId: byDefault.dealId });
      await olivia.mutate('deals.markWon', { dealId: optedOut.dealId });
      await olivia.mutate('deals.markWon', { dealId: choseAtWin.dealId, createProject: false });
      const won = await received(
        'three deal.won',
        (event) => event.type === 'crm.deal.won' && event.data.companyId === company.id,
        3,
      );
      const choice = Object.fromEntries(
        won.map((event) => [event.subject, event.type === 'crm.deal.won' && event.data.createProject]),
      );
      expect(choice).toEqual({
        [byDefault.dealId]: true,
        [optedOut.dealId]: false,
        [choseAtWin.dealId]: false,
      });
      expect(won[0]?.data).toMatchObject({
        via: 'staff',
        value: '12000.00',
        recurringRevenue: '1000.00',
        ownerId: userId('olivia@northwind.test'),
        lineItems: [{ serviceCode: 'MS-BASE', quantity: 10, unitPrice: '100.00', recurring: true }],
      });
      // Winning again publishes nothing more.
      await olivia.mutate('deals.markWon', { dealId: byDefault.dealId });
      expect(await outboxCount('crm.deal.won', byDefault.dealId)).toBe(1);
    });

    it('flow 8: a signed contract closes its deal as won exactly once, redelivered or already won', async () => {
      const company = await createCompany(olivia, 'Signed Co');
      const open = await createDeal(olivia, company.id);
      const alreadyWon = await createDeal(olivia, company.id);
      await olivia.mutate('deals.markWon', { dealId: alreadyWon.dealId });
      const signed = (dealId: string, contractId: string) =>
        sut.publishAs({
          type: 'psa.contract.signed',
          data: {
            contractId,
            clientId: randomUUID(),
            crmCompanyId: company.id,
            crmDealId: dealId,
            name: 'Managed services agreement',
            monthlyValue: '1000.00',
            signedAt: new Date().toISOString(),
          },
        });
      const contractA = randomUUID();
      const contractB = randomUUID();
      const first = await signed(open.dealId, contractA);
      await signed(alreadyWon.dealId, contractB);
      await eventually(
        'both contract.signed entries',
        async () => (await entriesOf(company.id, 'contract.signed')).length === 2,
      );
      const deal = await olivia.query<DealRow & { wonVia: string }>('deals.get', {
        dealId: open.dealId,
      });
      expect(deal.data).toMatchObject({ stage: 'won', wonVia: 'contract_signed' });
      const wonEvents = await received('deal.won via contract', (event) => event.subject === open.dealId);
      expect(wonEvents[0]?.data).toMatchObject({ via: 'contract_signed', createProject: true });

      // The same envelope again, then a later event of the same contract: once that one is applied,
      // the redelivered one (earlier on the same key) has been seen too.
      await sut.redeliver(first);
      await signed(open.dealId, contractA);
      await eventually(
        'the later signed event',
        async () => (await entriesOf(company.id, 'contract.signed')).length === 3,
      );
      expect(await outboxCount('crm.deal.won', open.dealId)).toBe(1);
      expect(await outboxCount('crm.deal.won', alreadyWon.dealId)).toBe(1);
      expect(await entriesOf(company.id, 'deal.won')).toHaveLength(2);
    });

    it('flow 9: the company status follows the PSA client status', async () => {
      const company = await createCompany(olivia, 'Churning Co');
      const clientId = randomUUID();
      const statusChange = (
        status: 'active' | 'on_hold' | 'churned',
        previousStatus: 'active' | 'on_hold' | 'churned',
        reason: string | null = null,
      ) =>
        sut.publishAs({
          type: 'psa.client.status_changed',
          data: {
            clientId,
            crmCompanyId: company.id,
            status,
            previousStatus,
            reason,
            changedAt: new Date().toISOString(),
          },
        });
      const statusOf = async () =>
        (await olivia.query<{ status: string }>('companies.get', { companyId: company.id })).data.status;
      const onHold = await statusChange('on_hold', 'active');
      await eventually('inactive', async () => (await statusOf()) === 'inactive');
      await statusChange('churned', 'on_hold');
      await eventually('churned', async () => (await statusOf()) === 'churned');
      // The old on-hold event delivered again, then a later one of the same client: the old one changes nothing.
      await sut.redeliver(onHold);
      await statusChange('churned', 'churned', 'confirmed');
      await eventually(
        'the confirmation',
        async () => (await entriesOf(company.id, 'client.status_changed')).length >= 3,
      );
      expect(await statusOf()).toBe('churned');
      expect((await entriesOf(company.id, 'client.status_changed')).map((entry) => entry.title)).toEqual([
        'PSA client churned → churned; company is now churned',
        'PSA client on_hold → churned; company is now churned',
        'PSA client active → on_hold; company is now inactive',
      ]);
    });

    it('flows 10 and 11: CSAT answers and ticket load recompute the health score; tickets land on the timeline', async () => {
      const company = await createCompany(olivia, 'Supported Co');
      const clientId = randomUUID();
      const csat = (score: number) =>
        sut.publishAs({
          type: 'psa.csat.submitted',
          data: {
            responseId: randomUUID(),
            clientId,
            crmCompanyId: company.id,
            ticketId: null,
            score,
            comment: null,
            submittedAt: new Date().toISOString(),
          },
        });
      type Health = { score: number | null; inputs: { name: string; value: number | null }[] };
      const health = async () => (await olivia.query<Health>('health.get', { companyId: company.id })).data;
      const firstAnswer = await csat(5);
      await csat(3);
      await eventually('score from two answers', async () => (await health()).score === 75);
      await sut.redeliver(firstAnswer);

      const ticketId = randomUUID();
      const ticket = (
        type: 'psa.ticket.created' | 'psa.ticket.updated' | 'psa.ticket.closed',
        status: string,
      ) =>
        sut.publishAs({
          type,
          data: {
            ticketId,
            clientId,
            crmCompanyId: company.id,
            number: 4711,
            subject: 'Printer offline',
            status: status as 'new',
            priority: 'high',
            occurredAt: new Date().toISOString(),
          },
        } as never);
      const created = await ticket('psa.ticket.created', 'new');
      await eventually('ticket load counted', async () => (await health()).score === 77);
      expect((await health()).inputs).toEqual([
        expect.objectContaining({ name: 'csat', value: 75 }),
        expect.objectContaining({ name: 'ticket_load', value: 80 }),
      ]);
      await ticket('psa.ticket.updated', 'in_progress');
      await ticket('psa.ticket.closed', 'closed');
      await eventually('ticket closed', async () => (await health()).score === 83);
      // "Created" delivered again after the close, then a later event of the ticket: nothing reopens.
      await sut.redeliver(created);
      await ticket('psa.ticket.updated', 'closed');
      await eventually(
        'the later update',
        async () => (await entriesOf(company.id, 'ticket.updated')).length === 2,
      );
      expect((await health()).score).toBe(83);
      const kinds = (await timeline(company.id)).map((entry) => entry.kind);
      expect(kinds.filter((kind) => kind.startsWith('ticket.'))).toEqual([
        'ticket.updated',
        'ticket.closed',
        'ticket.updated',
        'ticket.created',
      ]);
      expect(kinds.filter((kind) => kind === 'csat')).toHaveLength(2);
    });

    it('flow 7: a contract amendment requests an e-sign addendum once per revision', async () => {
      const company = await createCompany(olivia, 'Amended Co');
      const contractId = randomUUID();
      const amended = (revision: number) =>
        sut.publishAs({
          type: 'psa.contract.amended',
          data: {
            contractId,
            clientId: randomUUID(),
            crmCompanyId: company.id,
            revision,
            changes: [{ field: 'monthlyValue', from: '1000.00', to: '1200.00' }],
            amendedBy: userId('grace@northwind.test'),
            amendedAt: new Date().toISOString(),
          },
        });
      const first = await amended(2);
      await sut.redeliver(first);
      await amended(3);
      await eventually(
        'two addendum entries',
        async () => (await entriesOf(company.id, 'esign.requested')).length === 2,
      );
      const requests = await forOrg(sut.database.db.app, NORTHWIND).transaction((tx) =>
        tx.crmEsignRequest.findMany({ where: { companyId: company.id }, orderBy: { revision: 'asc' } }),
      );
      expect(requests.map((request) => [request.revision, request.status])).toEqual([
        [2, 'requested'],
        [3, 'requested'],
      ]);
    });
  });
}
