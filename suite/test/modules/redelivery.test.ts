import { randomUUID } from 'node:crypto';
import type { publish } from '@suite/bus';
import { forOrg } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedModules } from '../../src';
import type { StaffClient } from '../support/staff-client';
import { NORTHWIND, type Release, startTestSuite, type TestSuite, userId } from '../support/suite-fixture';
import { createCompany, createDeal } from './crm/support/crm-data';
import { dealWon, promotion } from './psa/support/crm-event.data';

// At-least-once delivery: every consumer of every installed module gets the *identical* envelope (same
// event id) a second time. Its inbox must skip it: the handler runs once per event and group.

type Event = Parameters<typeof publish>[1];

interface RedeliveryCase {
  /** The first event, published once and then delivered again as is. */
  first(): Promise<Event>;
  /** A later event of the same key: once it is handled, the redelivered one has been seen too. */
  later(first: Event): Event;
}

let fx: TestSuite;
let olivia: StaffClient;
/** Handler runs by `<group>|<event id>`, groups without this run's suffix. */
const runs = new Map<string, number>();
const baseGroup = (group: string) => group.replace(/\.t[0-9a-f]{8}$/, '');
const counting: Release = (subscription) => {
  const count = (event: { readonly id: string }) => {
    const key = `${baseGroup(subscription.group)}|${event.id}`;
    runs.set(key, (runs.get(key) ?? 0) + 1);
  };
  const { handleBatch } = subscription;
  return {
    ...subscription,
    async handler(event, context) {
      count(event);
      await subscription.handler(event, context);
    },
    // A set-wise handler applies a batch at once; each of its events counts as one run.
    ...(handleBatch && {
      async handleBatch(events, context) {
        for (const event of events) count(event);
        await handleBatch(events, context);
      },
    }),
  };
};

const now = () => new Date().toISOString();
async function crmCompanyId(): Promise<string> {
  return (await createCompany(olivia, `Redelivered ${randomUUID().slice(0, 8)}`)).id;
}
/** A Twilio connection in Error: a background run parks there, with no vendor to stand in for. */
async function twilioInError(): Promise<void> {
  await forOrg(fx.database.db.app, NORTHWIND).transaction(async (tx) => {
    if (await tx.toolsConnection.findFirst({ where: { provider: 'twilio' } })) return;
    await tx.toolsConnection.create({
      data: { provider: 'twilio', settings: {}, health: 'error', healthReason: 'Twilio rejected the token' },
    });
  });
}
const withData = <E extends Event>(event: E, data: Partial<E['data']>): Event =>
  ({ ...event, data: { ...event.data, ...data } }) as Event;

/** A Twilio status callback as the tool layer publishes it (recordings are off: kept no further). */
const toolsCall = async (status: 'ringing' | 'completed'): Promise<Event> => ({
  type: 'tools.call.status_changed',
  data: {
    connectionId: randomUUID(),
    provider: 'twilio',
    callId: `CA${randomUUID().replaceAll('-', '')}`,
    status,
    direction: 'inbound',
    from: '+442079460018',
    to: '+14155550100',
    durationSeconds: status === 'completed' ? 42 : null,
    sequenceNumber: null,
    occurredAt: now(),
  },
});

// Events more than one module takes, each module's group with its own case.
const clientStatusChanged = (status: 'on_hold' | 'churned'): RedeliveryCase => ({
  async first() {
    return {
      type: 'psa.client.status_changed',
      data: {
        clientId: randomUUID(),
        crmCompanyId: await crmCompanyId(),
        status,
        previousStatus: 'active',
        reason: null,
        changedAt: now(),
      },
    };
  },
  later: (first) => withData(first, { changedAt: now() }),
});
const companyPromoted: RedeliveryCase = {
  first: async () => ({ type: 'crm.company.promoted', data: promotion() }),
  later: (first) => withData(first, { name: 'Fabrikam Ltd' }),
};
const dealWonCase: RedeliveryCase = {
  first: async () => ({ type: 'crm.deal.won', data: dealWon() }),
  later: (first) => withData(first, { via: 'contract_signed' }),
};

const contractAmended: RedeliveryCase = {
  async first() {
    return {
      type: 'psa.contract.amended',
      data: {
        contractId: randomUUID(),
        clientId: randomUUID(),
        crmCompanyId: await crmCompanyId(),
        revision: 2,
        changes: [{ field: 'monthlyValue', from: '1000.00', to: '1200.00' }],
        amendedBy: userId('grace@northwind.test'),
        amendedAt: now(),
      },
    };
  },
  later: (first) => withData(first as Event & { type: 'psa.contract.amended' }, { revision: 3 }),
};

/** A client signed a contract addendum in the portal (for a contract PSA may not know: nothing to sign). */
const documentSigned: RedeliveryCase = {
  async first() {
    return {
      type: 'portal.document.signed',
      data: {
        shareId: randomUUID(),
        esignRequestId: randomUUID(),
        contractId: randomUUID(),
        revision: 2,
        companyId: await crmCompanyId(),
        contactId: randomUUID(),
        documentSha256: '0'.repeat(64),
        signedSha256: '1'.repeat(64),
        signedVia: 'portal',
        signedAt: now(),
      },
    };
  },
  later: (first) => withData(first, { signedAt: now() }),
};

const CASES: Record<string, RedeliveryCase> = {
  'crm.portal-sync.document-signed': documentSigned,
  'psa.portal-sync.document-signed': documentSigned,
  'portal.crm-sync.esign-requested': {
    async first() {
      return {
        type: 'crm.esign.requested',
        data: {
          esignRequestId: randomUUID(),
          companyId: await crmCompanyId(),
          contractId: randomUUID(),
          revision: 2,
          changes: [{ field: 'terms', from: 'Old terms', to: 'New terms' }],
          requestedAt: now(),
        },
      };
    },
    later: (first) => withData(first, { revision: 3 }),
  },
  'portal.tools-sync.contract-signed': {
    async first() {
      return {
        type: 'tools.contract.signed',
        data: {
          connectionId: randomUUID(),
          provider: 'docusign',
          envelopeId: `env-${randomUUID()}`,
          reference: `crm-esign:${randomUUID()}`,
          signedAt: now(),
        },
      };
    },
    later: (first) => withData(first, { signedAt: now() }),
  },
  'portal.tools-sync.run-completed': {
    async first() {
      return {
        type: 'tools.run.completed',
        data: {
          requestId: `portal.esign:${randomUUID()}`,
          tool: 'send_contract',
          requestedBy: 'portal',
          provider: 'dropbox-sign',
          result: { envelope_id: randomUUID(), status: 'sent' },
          error: null,
          errorCode: null,
        },
      };
    },
    later: (first) => withData(first, { result: { envelope_id: randomUUID(), status: 'sent' } }),
  },
  'crm.psa-sync.contract-signed': {
    async first() {
      const companyId = await crmCompanyId();
      const deal = await createDeal(olivia, companyId);
      return {
        type: 'psa.contract.signed',
        data: {
          contractId: randomUUID(),
          clientId: randomUUID(),
          crmCompanyId: companyId,
          crmDealId: deal.dealId,
          name: 'Agreement',
          monthlyValue: '1000.00',
          signedAt: now(),
        },
      };
    },
    later: (first) => withData(first, { signedAt: now() }),
  },
  'crm.psa-sync.contract-amended': contractAmended,
  'crm.psa-sync.client-status': clientStatusChanged('on_hold'),
  'crm.portal-sync.quote-response': {
    async first() {
      return {
        type: 'portal.quote.declined',
        data: {
          shareId: randomUUID(),
          quoteId: randomUUID(),
          companyId: await crmCompanyId(),
          contactId: randomUUID(),
          comment: 'Too early for us',
          sha256: '0'.repeat(64),
          respondedAt: now(),
        },
      };
    },
    later: (first) => withData(first, { respondedAt: now() }),
  },
  'crm.psa-sync.csat': {
    async first() {
      return {
        type: 'psa.csat.submitted',
        data: {
          responseId: randomUUID(),
          clientId: randomUUID(),
          crmCompanyId: await crmCompanyId(),
          ticketId: null,
          score: 4,
          comment: null,
          submittedAt: now(),
        },
      };
    },
    later: (first) => withData(first, { responseId: randomUUID() }),
  },
  'crm.psa-sync.tickets': {
    async first() {
      return {
        type: 'psa.ticket.created',
        data: {
          ticketId: randomUUID(),
          clientId: randomUUID(),
          crmCompanyId: await crmCompanyId(),
          number: 1,
          subject: 'Printer offline',
          status: 'new',
          priority: 'high',
          occurredAt: now(),
        },
      };
    },
    later: (first) =>
      ({
        ...withData(first, { status: 'in_progress', occurredAt: now() }),
        type: 'psa.ticket.updated',
      }) as Event,
  },
  'books.client-churned': clientStatusChanged('churned'),
  'books.company-promoted': companyPromoted,
  'books.crm-deal': dealWonCase,
  'books.psa-contract': contractAmended,
  'books.tool-payment': {
    first: async () => ({
      type: 'tools.payment.succeeded',
      data: {
        connectionId: randomUUID(),
        provider: 'stripe',
        paymentId: `pi_${randomUUID().replaceAll('-', '')}`,
        amount: '120.00',
        currency: 'USD',
        reference: `books-invoice:${randomUUID()}`,
        paidAt: now(),
      },
    }),
    later: (first) => withData(first, { paidAt: now() }),
  },
  'crm.books-sync.invoice-finalized': {
    async first() {
      return {
        type: 'books.invoice.finalized',
        data: {
          invoiceId: randomUUID(),
          number: 'INV-000001',
          billingAccountId: randomUUID(),
          crmCompanyId: await crmCompanyId(),
          currency: 'USD',
          total: '1200.00',
          contractId: null,
          subtotal: '1200.00',
          tax: '0.00',
          issuedOn: '2027-03-01',
          dueOn: '2027-03-31',
          periodStart: '2027-03-01',
          periodEnd: '2027-03-31',
          finalizedAt: now(),
        },
      };
    },
    later: (first) => withData(first, { finalizedAt: now() }),
  },
  'crm.voice-sync.calls': {
    async first() {
      return {
        type: 'voice.call.ended',
        data: {
          callId: randomUUID(),
          provider: 'twilio',
          vendorCallId: `CA${randomUUID().replaceAll('-', '')}`,
          direction: 'inbound',
          from: '+442079460018',
          to: '+14155550100',
          staffUserId: null,
          contactId: randomUUID(),
          companyId: await crmCompanyId(),
          durationSeconds: 42,
          outcome: 'completed',
          note: null,
          recordingUrl: null,
          endedAt: now(),
        },
      };
    },
    later: (first) => withData(first, { callId: randomUUID() }),
  },
  'crm.tools-sync.email-status': {
    first: async () => ({
      type: 'tools.email.status_changed',
      data: {
        connectionId: randomUUID(),
        provider: 'resend',
        messageId: `re_${randomUUID()}`,
        status: 'delivered',
        recipients: ['client@redelivered.example'],
        permanent: null,
        reason: null,
        subject: 'Your April invoice',
        occurredAt: now(),
      },
    }),
    later: (first) =>
      withData(first, { status: 'bounced', permanent: true, reason: 'gone', occurredAt: now() }),
  },
  'psa.crm-company': companyPromoted,
  'psa.deal-won': dealWonCase,
  'voice.tools-sync.call-status': {
    first: async () => toolsCall('ringing'),
    later: (first) => withData(first, { status: 'answered', occurredAt: now() }),
  },
  'voice.tools-sync.recording': {
    first: async () =>
      ({
        type: 'tools.call.recording_completed',
        data: {
          ...(await toolsCall('completed')).data,
          recordingId: `RE${randomUUID().replaceAll('-', '')}`,
          status: 'completed',
        },
      }) as Event,
    later: (first) => withData(first, { recordingId: `RE${randomUUID().replaceAll('-', '')}` }),
  },
  'tools.run-requested': {
    async first() {
      await twilioInError();
      return {
        type: 'tools.run.requested',
        data: {
          requestId: `workflow-run-${randomUUID()}:step-1`,
          tool: 'send_sms',
          input: { to: '+14155550123', body: 'Your technician is on the way' },
          requestedBy: 'workflow:redelivery',
        },
      };
    },
    later: (first) => withData(first, { input: { to: '+14155550123', body: 'Your technician has arrived' } }),
  },
  'tools.outbound-webhooks': {
    first: async () => ({
      type: 'tools.sms.received',
      data: {
        connectionId: randomUUID(),
        provider: 'twilio',
        messageId: `SM${randomUUID().replaceAll('-', '')}`,
        from: '+14155550123',
        to: '+14155550100',
        body: 'On my way',
        receivedAt: now(),
      },
    }),
    later: (first) => withData(first, { body: 'Arrived' }),
  },
};

beforeAll(async () => {
  fx = await startTestSuite({ modules: installedModules, release: counting });
  olivia = await fx.staff('olivia@northwind.test', 'crm');
});
afterAll(() => fx?.close());

describe('every consumer skips an envelope delivered twice', () => {
  it('has a redelivery case for every subscription of every installed module', () => {
    const groups = fx.modules.flatMap((module) => module.subscriptions.map((s) => baseGroup(s.group)));
    expect(groups.sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [group, redelivery] of Object.entries(CASES))
    it(`${group}: the identical envelope again runs the handler no second time`, async () => {
      const running = fx.modules
        .flatMap((module) => module.subscriptions)
        .find((s) => baseGroup(s.group) === group);
      if (!running) throw new Error(`no running subscription ${group}`);
      const firstEvent = await redelivery.first();
      const first = await fx.publishAs(firstEvent);
      await fx.handled(first.id, running.group);
      await fx.redeliver(first);
      const later = await fx.publishAs(redelivery.later(firstEvent));
      await fx.handled(later.id, running.group);
      // Delivered twice on the log (same event id), run once.
      expect(await fx.database.db.system.busLogEntry.count({ where: { eventId: first.id } })).toBe(2);
      expect(runs.get(`${group}|${first.id}`)).toBe(1);
      expect(runs.get(`${group}|${later.id}`)).toBe(1);
    });
});
