import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { revokeIntegrationKey } from '@suite/hub-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callIntegration, createOrg, issueKey, within } from './support';

let database: TestDatabase;
let child: ChildProcess | undefined;

/** Another OS process running the suite with the test CRM module, on the same database. */
async function startSecondProcess(databaseUrl: string): Promise<string> {
  const entry = fileURLToPath(new URL('./serve-crm.ts', import.meta.url));
  // On the PostgreSQL log: a second process on the modules' Kafka groups would take other tests' partitions.
  const { KAFKA_BROKERS: _kafka, ...env } = process.env;
  child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      NODE_ENV: 'test',
      MIGRATE_ON_START: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  for await (const chunk of child.stdout ?? []) {
    output += String(chunk);
    const url = /URL=(\S+)/.exec(output)?.[1];
    if (url) return url;
  }
  throw new Error(`the second suite process exited before listening:\n${output}`);
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  if (child?.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  await database?.drop();
});

describe('revocation across processes', () => {
  it('a key revoked in this process is refused by another suite process within 5 s', async () => {
    const org = await createOrg(database.db, 'northwind');
    const key = await issueKey(database.db, org.id, ['crm:*']);
    const otherProcess = await startSecondProcess(database.url);
    // Verified once, so the other process holds the key in its verification cache.
    expect((await callIntegration(otherProcess, 'pipeline.context', key)).status).toBe(200);
    const [created] = await forOrg(database.db.app, org.id).transaction((tx) => tx.integrationKey.findMany());
    await revokeIntegrationKey(forOrg(database.db.app, org.id), { id: created?.id ?? '' }, 'test');
    const took = await within(
      5_000,
      async () => (await callIntegration(otherProcess, 'pipeline.context', key)).status === 401,
    );
    expect(took).toBeLessThan(5_000);
    expect((await callIntegration(otherProcess, 'pipeline.context', key)).message).toMatch(/was revoked/);
  });
});
