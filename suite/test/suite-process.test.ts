import { defineModule } from '@suite/contracts';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { initTRPC } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, type RunningSuite, startSuite } from '../src';

const t = initTRPC.create();
const echoModule = defineModule({
  name: 'crm',
  appRouter: t.router({ ping: t.procedure.query(() => 'pong') }),
});

describe('suite process', () => {
  let database: TestDatabase;
  let suite: RunningSuite;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'silent' });
    suite = await startSuite(config, createLogger('silent'), [echoModule]);
  });

  afterAll(async () => {
    await suite?.close();
    await database?.drop();
  });

  it('answers /healthz and, with a migrated database, /readyz', async () => {
    expect((await fetch(`${suite.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${suite.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('mounts each module router at /<module>/trpc', async () => {
    const response = await fetch(`${suite.url}/crm/trpc/ping`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: { data: 'pong' } });
    expect((await fetch(`${suite.url}/psa/trpc/ping`)).status).toBe(404);
  });

  it('exposes Prometheus metrics including request latency', async () => {
    await fetch(`${suite.url}/crm/trpc/ping`);
    const text = await (await fetch(`${suite.url}/metrics`)).text();
    expect(text).toContain(
      'suite_http_request_duration_seconds_count{method="GET",route="/crm/trpc/:path",status="200"}',
    );
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('is not ready while migrations are pending, and says which', async () => {
    const empty = await createTestDatabase({ migrated: false });
    const config = loadConfig({ DATABASE_URL: empty.url, PORT: '0', MIGRATE_ON_START: 'false' });
    const unmigrated = await startSuite(config, createLogger('silent'), []);
    try {
      const response = await fetch(`${unmigrated.url}/readyz`);
      expect(response.status).toBe(503);
      expect(((await response.json()) as { reason: string }).reason).toMatch(/pending migrations: \d+_init/);
    } finally {
      await unmigrated.close();
      await empty.drop();
    }
  });
});
