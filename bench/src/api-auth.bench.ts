// `npm run bench:api`: what integration-key authentication adds to a call. One suite process on
// loopback serves the same handler twice, behind `integrationProcedure` and behind no authentication;
// both are called alternately in the same run, so the machine's speed cancels out of the ratio.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineModule } from '@suite/contracts';
import { connectDatabase, dropDatabase, ensureDatabase, forOrg, startEmbeddedPostgres } from '@suite/db';
import { createIntegrationKey, integrationProcedure, publicProcedure, router } from '@suite/hub-auth';
import { createLogger, loadConfig, startSuite } from '@suite/suite';

const WARMUP = 500;
const ROUNDS = 10;
const CALLS_PER_ROUND = 300;

const pipelineContext = () => ({ openDeals: 3, byStage: { qualified: 2, proposal: 1 }, totalValue: 42_000 });
const benchModule = defineModule({
  name: 'crm',
  integrationRouter: router({
    authenticated: integrationProcedure('crm:pipeline.context').query(pipelineContext),
    open: publicProcedure.query(pipelineContext),
  }),
});

async function timedCall(url: string, headers: Record<string, string>): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const percentile = (samples: number[], p: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((samples.length * p) / 100))] ??
  NaN;

async function main(): Promise<void> {
  const pgDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), 'api-bench-pg-'));
  const embedded = pgDir
    ? await startEmbeddedPostgres({ dataDir: path.join(pgDir, 'pg'), port: 0 })
    : undefined;
  const serverUrl = process.env.DATABASE_URL ?? embedded?.url ?? '';
  const database = `suite_bench_api_${randomUUID().slice(0, 8)}`;
  const config = loadConfig({
    DATABASE_URL: await ensureDatabase(serverUrl, database),
    PORT: '0',
    NODE_ENV: 'test',
  });
  const suite = await startSuite(config, createLogger('silent'), [benchModule]);
  try {
    const db = connectDatabase(config.DATABASE_URL ?? '');
    const org = await db.system.organization.create({ data: { slug: 'bench', name: 'Bench MSP' } });
    const { key } = await createIntegrationKey(forOrg(db.app, org.id), {
      caller: 'psa',
      target: 'crm',
      scopes: ['crm:pipeline.context'],
      actor: 'bench',
    });
    await db.close();
    const auth = { url: `${suite.url}/crm/integration/authenticated`, headers: { 'x-integration-key': key } };
    const open = { url: `${suite.url}/crm/integration/open`, headers: {} };
    for (let i = 0; i < WARMUP; i++) {
      await timedCall(auth.url, auth.headers);
      await timedCall(open.url, open.headers);
    }
    const samples = { auth: [] as number[], open: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < CALLS_PER_ROUND; i++) {
        samples.auth.push(await timedCall(auth.url, auth.headers));
        samples.open.push(await timedCall(open.url, open.headers));
      }
    }
    const authP50 = percentile(samples.auth, 50);
    const openP50 = percentile(samples.open, 50);
    console.log(
      `calls: ${samples.auth.length} each; p95 auth ${percentile(samples.auth, 95).toFixed(3)} ms, ` +
        `no auth ${percentile(samples.open, 95).toFixed(3)} ms`,
    );
    console.log(
      `api-bench: auth_p50_ms=${authP50.toFixed(3)} noauth_p50_ms=${openP50.toFixed(3)} ratio=${(authP50 / openP50).toFixed(2)}`,
    );
  } finally {
    await suite.close();
    await dropDatabase(serverUrl, database);
    await embedded?.stop();
    if (pgDir) rmSync(pgDir, { recursive: true, force: true });
  }
}

await main();
