// npm run bench:books — the daily billing run (`books.billing-run`) on 10,000 active contracts of 5
// monthly lines each, against a baseline measured in the same run: plain SQL inserting the same rows
// (per contract, one transaction: the invoice number, the invoice, its 5 lines and the outbox event).
// Besides the rates, it counts the SQL statements each side sends per invoice (every query of the `pg`
// clients both use), a figure a busy machine does not distort.
// DATABASE_URL (else an embedded PostgreSQL). BOOKS_BENCH_CONTRACTS overrides the contract count.
import { booksModule } from '@suite/books';
import pg from 'pg';
import { pino } from 'pino';
import { plainSqlInvoices, seedContracts } from './books/books-seed';
import { benchEnvironment } from './bus/bench-environment';
import { round } from './support/stats';

const CONTRACTS = Number(process.env.BOOKS_BENCH_CONTRACTS ?? 10_000);
const LINES = 5;
const RUN_DAY = '2027-03-01';

/** Runs `fn` counting the statements every `pg` client of this process sends meanwhile. */
async function countingStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const query = pg.Client.prototype.query;
  let statements = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements += 1;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    return { result: await fn(), statements };
  } finally {
    pg.Client.prototype.query = query;
  }
}

const env = await benchEnvironment({ kafka: false });
try {
  const billingRun = booksModule.jobs.find((job) => job.name === 'books.billing-run');
  if (!billingRun) throw new Error('books has no books.billing-run job');
  const seeded = await seedContracts(env.sql, env.orgId, CONTRACTS, LINES, RUN_DAY);
  console.log(`seeded ${CONTRACTS} contracts × ${LINES} lines in ${round(seeded / 1000, 1)} s`);

  const started = performance.now();
  const run = await countingStatements(() =>
    billingRun.run({ db: env.db, log: pino({ level: 'warn' }), slot: new Date(`${RUN_DAY}T02:07:00Z`) }),
  );
  const oursSeconds = (performance.now() - started) / 1000;
  const ours = CONTRACTS / oursSeconds;
  console.log(
    `books.billing-run: ${run.result}; ${round(ours)} invoices/s (${round(oursSeconds, 1)} s), ${run.statements} statements`,
  );

  const plain = await countingStatements(() => plainSqlInvoices(env.sql, env.orgId, '2027-04-01'));
  const baseline = CONTRACTS / plain.result;
  console.log(
    `plain SQL, the same rows: ${round(baseline)} invoices/s (${round(plain.result, 1)} s), ${plain.statements} statements`,
  );

  const figures = {
    contracts: CONTRACTS,
    lines_per_contract: LINES,
    billing_run_invoices_per_s: round(ours),
    plain_sql_invoices_per_s: round(baseline),
    billing_run_statements_per_invoice: round(run.statements / CONTRACTS, 2),
    plain_sql_statements_per_invoice: round(plain.statements / CONTRACTS, 2),
    billing_run_vs_plain_sql: round(ours / baseline, 2),
  };
  console.log(
    `books-bench: ${Object.entries(figures)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ')}`,
  );
} finally {
  await env.close();
}
