// `npm run bench:webhooks`: outbound webhook deliveries per second through the tool layer (queue row,
// claim, sealed secret, Standard Webhooks signature, attempt log; 10 keys in flight side by side, a
// transaction per round, decision 0095) against a bare HTTP POST loop to the same loopback endpoint in
// the same run. WEBHOOKS_BENCH_MESSAGES shrinks it.
import { randomUUID } from 'node:crypto';
import { applyMigrations, connectDatabase, dropDatabase, ensureDatabase, forOrg } from '@suite/db';
import { configureVault, newKeyEntry } from '../../modules/tools/src/vault/keyring';
import { createEndpoint, enqueueEvent } from '../../modules/tools/src/webhook-endpoints/endpoint.service';
import { startWebhookDispatcher } from '../../modules/tools/src/webhook-endpoints/webhook-dispatcher';
import { startWebhookReceiver } from '../../modules/tools/test/support/webhook-receiver';

const MESSAGES = Number(process.env.WEBHOOKS_BENCH_MESSAGES ?? 500);
const BODY = JSON.stringify({ type: 'tools.sms.received', data: { body: 'bench' } });

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl)
    throw new Error('bench:webhooks needs DATABASE_URL (a PostgreSQL server it may create a database on)');
  const name = `suite_bench_webhooks_${randomUUID().slice(0, 8)}`;
  const url = await ensureDatabase(serverUrl, name);
  await applyMigrations(url);
  const db = connectDatabase(url);
  const receiver = await startWebhookReceiver();
  const dispatcher = startWebhookDispatcher(db, { pollMs: 3_600_000, policy: { production: false } });
  try {
    configureVault({ VAULT_KEYS: newKeyEntry(1) });
    const created = await db.system.organization.create({ data: { slug: 'bench', name: 'Bench MSP' } });
    const org = forOrg(db.app, created.id);
    await org.transaction((tx) =>
      createEndpoint(tx, { url: receiver.url, eventTypes: ['tools.sms.received'] }, { production: false }),
    );
    await org.transaction(
      async (tx) => {
        for (let i = 0; i < MESSAGES; i++)
          await enqueueEvent(tx, {
            id: randomUUID(),
            type: 'tools.sms.received',
            time: new Date().toISOString(),
            partitionkey: `key-${i % 10}`,
            data: { i },
          });
      },
      { timeout: 300_000 },
    );

    let started = performance.now();
    for (let i = 0; i < MESSAGES; i++) {
      const response = await fetch(receiver.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODY,
      });
      await response.text();
    }
    const bareSeconds = (performance.now() - started) / 1000;
    receiver.received.length = 0;

    started = performance.now();
    await dispatcher.runOnce();
    const suiteSeconds = (performance.now() - started) / 1000;
    if (receiver.received.length !== MESSAGES)
      throw new Error(`bench: ${receiver.received.length} of ${MESSAGES} messages delivered`);
    const suiteRate = MESSAGES / suiteSeconds;
    const bareRate = MESSAGES / bareSeconds;
    console.log(`messages: ${MESSAGES}; one endpoint, 10 keys`);
    console.log(
      `webhooks-bench: deliveries_per_s=${suiteRate.toFixed(1)} bare_post_per_s=${bareRate.toFixed(1)} ratio=${(suiteRate / bareRate).toFixed(3)}`,
    );
  } finally {
    await dispatcher.stop();
    await receiver.close();
    await db.close();
    await dropDatabase(serverUrl, name);
  }
}

await main();
