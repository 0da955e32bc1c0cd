// `npm run bench:api`: what integration-key authentication adds to a call. One suite process on
// loopback serves the same handler twice, behind `integrationProcedure` and behind no authentication;
// both are called alternately in the same run, so the machine's speed cancels out of the ratio.
import { defineModule } from '@suite/contracts';
import { connectDatabase, forOrg } from '@suite/db';
import { createIntegrationKey, integrationProcedure, publicProcedure, router } from '@suite/hub-auth';
import { withBenchSuite } from './support/bench-database';
import { percentileOf } from './support/stats';

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

await withBenchSuite('api', [benchModule], async (suite, config) => {
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
  const authP50 = percentileOf(samples.auth, 50);
  const openP50 = percentileOf(samples.open, 50);
  console.log(
    `calls: ${samples.auth.length} each; p95 auth ${percentileOf(samples.auth, 95).toFixed(3)} ms, ` +
      `no auth ${percentileOf(samples.open, 95).toFixed(3)} ms`,
  );
  console.log(
    `api-bench: auth_p50_ms=${authP50.toFixed(3)} noauth_p50_ms=${openP50.toFixed(3)} ratio=${(authP50 / openP50).toFixed(2)}`,
  );
});
