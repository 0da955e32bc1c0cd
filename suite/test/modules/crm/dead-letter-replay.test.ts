import { randomBytes, randomUUID } from 'node:crypto';
import { type BusOperations, connectBusOperations } from '@suite/bus';
import { publishedEvents } from '@suite/bus/testing';
import { crmModule } from '@suite/crm';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src';
import { eventually, type Release, startTestSuite, type TestSuite } from '../../support/suite-fixture';
import { createCompany, createDeal } from './support/crm-data';

let database: TestDatabase;
let running: TestSuite | undefined;
/** What `suite bus dlq …` runs. */
let ops: BusOperations;
beforeAll(async () => {
  database = await createTestDatabase();
  ops = connectBusOperations({ databaseUrl: database.url, partitions: 4, log: createLogger('silent') });
});
afterAll(async () => {
  await ops?.close();
  await running?.close();
  await database?.drop();
});

const deadLetterOf = (type: string) =>
  eventually(`a dead letter of ${type}`, async () => (await ops.listDeadLetters({ type }))[0]);

/** The release with a bug: the contract-signed handler does its work, then throws (so nothing commits). */
const buggyRelease: Release = (subscription) =>
  subscription.group.startsWith('crm.psa-sync.contract-signed')
    ? {
        ...subscription,
        async handler(event, context) {
          await subscription.handler(event, context);
          throw new Error('bug: contract-signed handler broke after closing the deal');
        },
      }
    : subscription;

describe('a handler bug dead-letters the event; replay after the fix applies it once', () => {
  it('flow 8 event survives a buggy release and is applied once after the fix', async () => {
    const suffix = `t${randomBytes(4).toString('hex')}`;
    running = await startTestSuite({ modules: [crmModule], release: buggyRelease, suffix, database });
    const olivia = await running.staff('olivia@northwind.test', 'crm');
    const company = await createCompany(olivia, 'Replayed Co');
    const deal = await createDeal(olivia, company.id);
    const event = await running.publishAs({
      type: 'psa.contract.signed',
      data: {
        contractId: randomUUID(),
        clientId: randomUUID(),
        crmCompanyId: company.id,
        crmDealId: deal.dealId,
        name: 'Agreement',
        monthlyValue: '1000.00',
        signedAt: new Date().toISOString(),
      },
    });
    const dead = await deadLetterOf('psa.contract.signed');
    expect(dead).toMatchObject({ eventId: event.id, reason: 'handler-failed', attempts: 5 });
    expect((await ops.showDeadLetter(dead.id))?.error).toContain('bug: contract-signed handler broke');
    expect((await olivia.query<{ stage: string }>('deals.get', { dealId: deal.dealId })).data.stage).toBe(
      'proposal',
    );
    await running.close();

    // The fixed release takes over the same groups and database; the operator replays.
    running = await startTestSuite({ modules: [crmModule], suffix, database });
    const signedIn = await running.staff('olivia@northwind.test', 'crm');
    expect(await ops.replay({ type: 'psa.contract.signed' })).toEqual([dead.id]);
    await eventually('the deal won by the replayed event', async () => {
      const answer = await signedIn.query<{ stage: string }>('deals.get', { dealId: deal.dealId });
      return answer.data.stage === 'won';
    });
    await eventually(
      'the dead letter marked replayed',
      async () => (await ops.showDeadLetter(dead.id))?.replayedAt != null,
    );
    expect(await ops.replay({ type: 'psa.contract.signed' })).toEqual([]);
    expect(
      await publishedEvents(database.db, { type: 'crm.deal.won', aggregateId: deal.dealId }),
    ).toHaveLength(1);
  });

  it('an event naming a company CRM does not have is dead-lettered with a message saying so', async () => {
    running ??= await startTestSuite({ modules: [crmModule], database });
    const unknownCompany = randomUUID();
    const event = await running.publishAs({
      type: 'psa.client.status_changed',
      data: {
        clientId: randomUUID(),
        crmCompanyId: unknownCompany,
        status: 'churned',
        previousStatus: 'active',
        reason: null,
        changedAt: new Date().toISOString(),
      },
    });
    const dead = await deadLetterOf('psa.client.status_changed');
    expect(dead).toMatchObject({ eventId: event.id, reason: 'handler-failed' });
    // The domain error as the service threw it: no transport code, nothing of tRPC.
    expect(dead.error).toMatch(
      new RegExp(
        `^DomainError: psa.client.status_changed: CRM company ${unknownCompany} does not exist in this org`,
      ),
    );
  });
});
