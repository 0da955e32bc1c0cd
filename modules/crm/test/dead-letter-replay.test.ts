import { randomBytes, randomUUID } from 'node:crypto';
import { type BusOperations, connectBusOperations } from '@suite/bus';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { createLogger } from '@suite/suite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany, createDeal } from './support/crm-fixtures';
import {
  type CrmSuite,
  eventually,
  isolatedModule,
  type ModuleUnderTest,
  startCrmSuite,
} from './support/crm-suite';
import { staff } from './support/http-calls';

let database: TestDatabase;
let running: CrmSuite | undefined;
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
function buggyRelease(suffix: string): ModuleUnderTest {
  const fixed = isolatedModule(suffix);
  return {
    ...fixed,
    subscriptions: fixed.subscriptions.map((subscription) =>
      subscription.group.startsWith('crm.psa-sync.contract-signed')
        ? {
            ...subscription,
            async handler(event, context) {
              await subscription.handler(event, context);
              throw new Error('bug: contract-signed handler broke after closing the deal');
            },
          }
        : subscription,
    ),
  };
}

describe('a handler bug dead-letters the event; replay after the fix applies it once', () => {
  it('flow 8 event survives a buggy release and is applied once after the fix', async () => {
    const suffix = `t${randomBytes(4).toString('hex')}`;
    running = await startCrmSuite('postgres', buggyRelease(suffix), database);
    const olivia = await running.signedIn('olivia@northwind.test');
    const company = await createCompany(olivia, 'Replayed Co');
    const deal = await createDeal(olivia, company.id);
    const event = await running.psaPublishes({
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
    expect(
      (await staff.query<{ stage: string }>(olivia, 'deals.get', { dealId: deal.dealId })).data.stage,
    ).toBe('proposal');
    await running.close();

    // The fixed release takes over the same groups and database; the operator replays.
    running = await startCrmSuite('postgres', isolatedModule(suffix), database);
    const signedIn = await running.signedIn('olivia@northwind.test');
    expect(await ops.replay({ type: 'psa.contract.signed' })).toEqual([dead.id]);
    await eventually('the deal won by the replayed event', async () => {
      const answer = await staff.query<{ stage: string }>(signedIn, 'deals.get', { dealId: deal.dealId });
      return answer.data.stage === 'won';
    });
    await eventually(
      'the dead letter marked replayed',
      async () => (await ops.showDeadLetter(dead.id))?.replayedAt != null,
    );
    expect(await ops.replay({ type: 'psa.contract.signed' })).toEqual([]);
    expect(
      await database.db.system.busOutbox.count({
        where: { type: 'crm.deal.won', aggregateId: deal.dealId },
      }),
    ).toBe(1);
  });

  it('an event naming a company CRM does not have is dead-lettered with a message saying so', async () => {
    running ??= await startCrmSuite('postgres', isolatedModule(), database);
    const unknownCompany = randomUUID();
    const event = await running.psaPublishes({
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
    expect(dead.error).toContain(`CRM company ${unknownCompany} does not exist in this org`);
  });
});
