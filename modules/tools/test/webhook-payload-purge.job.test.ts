import { randomUUID } from 'node:crypto';
import type { OrgScope } from '@suite/db';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolsModule } from '../src';
import { webhookPayloadPurgeJob } from '../src/jobs/webhook-payload-purge.job';
import { configureVault } from '../src/vault/keyring';
import { createEndpoint, listAttempts, setEndpointEnabled } from '../src/webhook-endpoints/endpoint.service';
import { startWebhookDispatcher } from '../src/webhook-endpoints/webhook-dispatcher';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';
import { startWebhookReceiver } from './support/webhook-receiver';

const DAY_MS = 86_400_000;
const DEVELOPMENT = { production: false };
let fixture: ToolsFixture;

beforeAll(async () => {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  fixture = await toolsFixture();
});
afterAll(() => fixture?.close());

/** A message `ageDays` old in `status`, with one logged attempt when it was tried. */
async function message(org: OrgScope, endpointId: string, ageDays: number, status: 'delivered' | 'pending') {
  const createdAt = new Date(Date.now() - ageDays * DAY_MS);
  return org.transaction(async (tx) => {
    const row = await tx.toolsWebhookMessage.create({
      data: {
        endpointId,
        eventType: 'tools.sms.received',
        eventId: randomUUID(),
        key: `key-${ageDays}`,
        body: JSON.stringify({ type: 'tools.sms.received', data: { ageDays } }),
        status,
        createdAt,
        nextAttemptAt: createdAt,
      },
    });
    await tx.toolsWebhookAttempt.create({
      data: { messageId: row.id, endpointId, attemptedAt: createdAt, status: 200, latencyMs: 12 },
    });
    return row.id;
  });
}

describe('tools.webhook-payload-purge', () => {
  it('is one of the tools module’s jobs', () => {
    expect(toolsModule.jobs).toContain(webhookPayloadPurgeJob);
  });

  it('clears payloads older than 30 days, keeps the attempts, and gives up a month-old pending message', async () => {
    const org = await fixture.createOrg();
    const receiver = await startWebhookReceiver();
    const { endpoint } = await org.transaction((tx) =>
      createEndpoint(tx, { url: receiver.url, eventTypes: ['tools.sms.received'] }, DEVELOPMENT),
    );
    const old = await message(org, endpoint.id, 31, 'delivered');
    const young = await message(org, endpoint.id, 29, 'delivered');
    // Its endpoint was disabled for a month: nothing will send it, and without a body nothing could.
    const stuck = await message(org, endpoint.id, 40, 'pending');

    const summary = await webhookPayloadPurgeJob.run({
      db: fixture.database.db,
      log: pino({ level: 'silent' }),
      slot: new Date(),
    });
    expect(summary).toMatch(/^cleared 2 webhook payload\(s\) in \d+ org\(s\)$/);
    const rows = await org.transaction((tx) =>
      tx.toolsWebhookMessage.findMany({ select: { id: true, body: true, status: true } }),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(old)).toMatchObject({ body: null, status: 'delivered' });
    expect(byId.get(young)?.body).toContain('"ageDays":29');
    expect(byId.get(stuck)).toMatchObject({ body: null, status: 'failed' });
    const log = await org.transaction((tx) => listAttempts(tx, { endpointId: endpoint.id }));
    expect(log.map((attempt) => attempt.messageId).sort()).toEqual([old, young, stuck].sort());

    // The endpoint still delivers: the given-up message does not block its drain.
    await org.transaction((tx) => setEndpointEnabled(tx, { endpointId: endpoint.id, enabled: true }));
    const fresh = await message(org, endpoint.id, 0, 'pending');
    const dispatcher = startWebhookDispatcher(fixture.database.db, {
      pollMs: 3_600_000,
      policy: DEVELOPMENT,
    });
    await dispatcher.runOnce();
    await dispatcher.stop();
    await receiver.close();
    expect(receiver.received.map((request) => JSON.parse(request.body).data)).toEqual([{ ageDays: 0 }]);
    expect(
      await org.transaction((tx) => tx.toolsWebhookMessage.findFirst({ where: { id: fresh } })),
    ).toMatchObject({ status: 'delivered' });
  });
});
