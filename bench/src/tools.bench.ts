// `npm run bench:tools`: what the tool layer adds to a vendor call. The same SMS goes to a loopback
// Twilio stand-in through `runTool` (vault decrypt with its audit row, idempotency record, rate limit,
// health bookkeeping, one transaction) and through the official SDK called directly; the two alternate
// in the same run, so the machine's speed cancels out of the ratio. Target: ≤ 1.5× at p50.
// It also counts the SQL statements one call sends (BEGIN and COMMIT included), a figure the machine's
// load does not change. TOOLS_BENCH_CALLS (calls per round, default 100) shrinks a trial run.
// Two floors are measured in the same rounds: a durable one-row commit on the same server (the WAL flush
// every recorded call needs) and an empty `forOrg` transaction (Prisma's interactive transaction with the
// org setting), so the ratio can be read against what the bookkeeping cannot go below (decision 0094).
import { randomUUID } from 'node:crypto';
import { forOrg } from '@suite/db';
import pg from 'pg';
import twilio from 'twilio';
import { connectApiKey } from '../../modules/tools/src/connections/connect.service';
import { setRateLimit } from '../../modules/tools/src/rate-limits/rate-limit.service';
import { runTool } from '../../modules/tools/src/tools/tool-runner.service';
import { configureVault, newKeyEntry } from '../../modules/tools/src/vault/keyring';
import {
  startTwilioStandIn,
  TWILIO_SID,
  TWILIO_TOKEN,
} from '../../modules/tools/test/support/stand-ins/twilio.stand-in';
import { timed, withBenchDatabase } from './support/bench-database';
import { percentileOf } from './support/stats';

const CALLS_PER_ROUND = Number(process.env.TOOLS_BENCH_CALLS ?? 100);
const WARMUP = CALLS_PER_ROUND;
const ROUNDS = 5;
const SMS = { to: '+14155550199', body: 'Your technician is on the way' };

/** Counts the statements every pg client of this process sends (Prisma's adapter uses `pg`). */
function statementCounter(): () => number {
  let statements = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return () => statements;
}

const statementsSoFar = statementCounter();
await withBenchDatabase('tools', async (db, url) => {
  const standIn = await startTwilioStandIn();
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query('CREATE TABLE bench_commit (id serial PRIMARY KEY)');
    const durableCommit = () => pool.query('INSERT INTO bench_commit DEFAULT VALUES');
    configureVault({ VAULT_KEYS: newKeyEntry(1) });
    const created = await db.system.organization.create({ data: { slug: 'bench', name: 'Bench MSP' } });
    const org = forOrg(db.app, created.id);
    await org.transaction(async (tx) => {
      await setRateLimit(tx, 'send_sms', { limit: 1_000_000, windowSeconds: 3600 });
      const operator = { user: { id: 'bench' }, tenant: org };
      const verified = await connectApiKey(
        tx,
        {
          provider: 'twilio',
          credential: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
          settings: { from: '+14155550100', apiBaseUrl: standIn.url },
        },
        operator,
      );
      if (!verified.ok) throw new Error(`bench: Twilio stand-in did not verify: ${verified.message}`);
    });
    const raw = twilio(TWILIO_SID, TWILIO_TOKEN).api;
    raw.baseUrl = standIn.url;
    const direct = () => raw.v2010.accounts(TWILIO_SID).messages.create({ ...SMS, from: '+14155550100' });
    const throughTools = () =>
      org.transaction(async (tx) => {
        const result = await runTool(tx, {
          tool: 'send_sms',
          input: SMS,
          idempotencyKey: randomUUID(),
          actor: { type: 'tool', id: 'bench' },
          background: false,
        });
        if (!result.success) throw new Error(`bench: send_sms failed: ${result.error.message}`);
      });
    for (let i = 0; i < WARMUP; i++) {
      await throughTools();
      await direct();
    }
    const before = statementsSoFar();
    await throughTools();
    const statementsPerCall = statementsSoFar() - before;
    const emptyTransaction = () => org.transaction(async () => {});
    const samples = {
      tools: [] as number[],
      raw: [] as number[],
      commit: [] as number[],
      empty: [] as number[],
    };
    for (let round = 0; round < ROUNDS; round++)
      for (let i = 0; i < CALLS_PER_ROUND; i++) {
        samples.tools.push(await timed(throughTools));
        samples.raw.push(await timed(direct));
        samples.commit.push(await timed(durableCommit));
        samples.empty.push(await timed(emptyTransaction));
      }
    const toolsP50 = percentileOf(samples.tools, 50);
    const rawP50 = percentileOf(samples.raw, 50);
    const commitP50 = percentileOf(samples.commit, 50);
    const ratio = toolsP50 / rawP50;
    console.log(
      `calls: ${samples.tools.length} each; SQL statements per send_sms: ${statementsPerCall}; p95 tools ${percentileOf(samples.tools, 95).toFixed(3)} ms, raw SDK ${percentileOf(samples.raw, 95).toFixed(3)} ms; p50 empty forOrg transaction ${percentileOf(samples.empty, 50).toFixed(3)} ms; floor with one durable commit ${((rawP50 + commitP50) / rawP50).toFixed(2)}×`,
    );
    console.log(
      `tools-bench: send_sms_p50_ms=${toolsP50.toFixed(3)} raw_sdk_p50_ms=${rawP50.toFixed(3)} ratio=${ratio.toFixed(2)} statements_per_call=${statementsPerCall} durable_commit_p50_ms=${commitP50.toFixed(3)} target=1.50 ${ratio <= 1.5 ? 'met' : 'missed'}`,
    );
  } finally {
    await standIn.close();
    await pool.end();
  }
});
