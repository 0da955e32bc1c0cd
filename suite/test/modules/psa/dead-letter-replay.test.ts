import { type BusOperations, connectBusOperations } from '@suite/bus';
import { forOrg } from '@suite/db';
import { psaModule } from '@suite/psa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src';
import {
  eventually,
  NORTHWIND,
  type Release,
  startTestSuite,
  type TestSuite,
} from '../../support/suite-fixture';
import { promotion } from './support/crm-event.data';

// Rule 8 for PSA: a handler bug dead-letters the promotion without losing it, and the operator's
// replay after the fix applies it exactly once.
let buggy = true;
const releaseWithBug: Release = (subscription) =>
  subscription.group.startsWith('psa.crm-company.')
    ? {
        ...subscription,
        retry: { attempts: 2, initialDelayMs: 50 },
        async handler(event, context) {
          await subscription.handler(event, context);
          if (buggy) throw new Error('bug: the promotion handler broke after creating the client');
        },
      }
    : subscription;

let fx: TestSuite;
let ops: BusOperations;
beforeAll(async () => {
  fx = await startTestSuite({ modules: [psaModule], release: releaseWithBug });
  ops = connectBusOperations({ databaseUrl: fx.database.url, partitions: 4, log: createLogger('silent') });
});
afterAll(async () => {
  await ops?.close();
  await fx?.close();
});

describe('a PSA handler bug', () => {
  it('dead-letters the promotion with nothing applied; replay after the fix applies it once', async () => {
    const promoted = promotion();
    const { id: eventId } = await fx.publishAs({ type: 'crm.company.promoted', data: promoted });
    const [dead] = await eventually('the dead letter', async () => {
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
    await eventually(
      'the replay applied',
      async () => (await ops.showDeadLetter(dead?.id ?? ''))?.replayedAt,
    );
    const [client, ...others] = await clientOf();
    expect(others).toEqual([]);
    expect(client?.contacts).toHaveLength(2);
    expect(client?.contracts).toHaveLength(1);
    expect(await ops.replay({ type: 'crm.company.promoted' })).toEqual([]);
  });
});
