import { type BusOperations, connectBusOperations } from '@suite/bus';
import { forOrg } from '@suite/db';
import { createLogger } from '@suite/suite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promotion } from './support/crm-events';
import { NORTHWIND, type PsaSuite, type Release, startPsaSuite, waitFor } from './support/psa-fixture';

// Rule 8 for PSA: a handler bug dead-letters the promotion without losing it, and the operator's
// replay after the fix applies it exactly once.
let buggy = true;
const releaseWithBug: Release = (subscription) =>
  subscription.group.endsWith('.psa.crm-company')
    ? {
        ...subscription,
        retry: { attempts: 2, initialDelayMs: 50 },
        async handler(event, context) {
          await subscription.handler(event, context);
          if (buggy) throw new Error('bug: the promotion handler broke after creating the client');
        },
      }
    : subscription;

let fx: PsaSuite;
let ops: BusOperations;
beforeAll(async () => {
  fx = await startPsaSuite('postgres', [], releaseWithBug);
  ops = connectBusOperations({ databaseUrl: fx.database.url, partitions: 8, log: createLogger('silent') });
});
afterAll(async () => {
  await ops?.close();
  await fx?.close();
});

describe('a PSA handler bug', () => {
  it('dead-letters the promotion with nothing applied; replay after the fix applies it once', async () => {
    const promoted = promotion();
    const eventId = await fx.publishAsCrm({ type: 'crm.company.promoted', data: promoted });
    const [dead] = await waitFor('the dead letter', async () => {
      const letters = await ops.listDeadLetters({ type: 'crm.company.promoted' });
      return letters.length > 0 && letters;
    });
    expect(dead).toMatchObject({ eventId, reason: 'handler-failed', attempts: 2 });
    const clientOf = () =>
      forOrg(fx.database.db.app, NORTHWIND).transaction((tx) =>
        tx.psaClient.findMany({
          where: { crmCompanyId: promoted.companyId },
          include: { contacts: true, contracts: true },
        }),
      );
    expect(await clientOf()).toEqual([]);

    buggy = false;
    expect(await ops.replay({ type: 'crm.company.promoted' })).toEqual([dead?.id]);
    await waitFor('the replay applied', async () => (await ops.showDeadLetter(dead?.id ?? ''))?.replayedAt);
    const [client, ...others] = await clientOf();
    expect(others).toEqual([]);
    expect(client?.contacts).toHaveLength(2);
    expect(client?.contracts).toHaveLength(1);
    expect(await ops.replay({ type: 'crm.company.promoted' })).toEqual([]);
  });
});
