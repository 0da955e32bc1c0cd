// npm run bench:books — the daily billing run (`books.billing-run`) on 10,000 active contracts of 5
// monthly lines each, against a baseline measured in the same run: plain SQL inserting the same rows
// (per contract, one transaction: the invoice number, the invoice, its 5 lines and the outbox event).
// DATABASE_URL (else an embedded PostgreSQL). BOOKS_BENCH_CONTRACTS overrides the contract count.
import { booksModule } from '@suite/books';
import { pino } from 'pino';
import { plainSqlInvoices, seedContracts } from './books/books-seed';
import { benchEnvironment } from './bus/bench-environment';
import { round } from './bus/stats';

const CONTRACTS = Number(process.env.BOOKS_BENCH_CONTRACTS ?? 10_000);
const LINES = 5;
const RUN_DAY = '2027-03-01';

const env = await benchEnvironment({ kafka: false });
try {
  const billingRun = booksModule.jobs.find((job) => job.name === 'books.billing-run');
  if (!billingRun) throw new Error('books has no books.billing-run job');
  const seeded = await seedContracts(env.sql, env.orgId, CONTRACTS, LINES, RUN_DAY);
  console.log(`seeded ${CONTRACTS} contracts × ${LINES} lines in ${round(seeded / 1000, 1)} s`);

  const started = performance.now();
  const summary = await billingRun.run({
    db: env.db,
    log: pino({ level: 'warn' }),
    slot: new Date(`${RUN_DAY}T02:07:00Z`),
  });
  const oursSeconds = (performance.now() - started) / 1000;
  const ours = CONTRACTS / oursSeconds;
  console.log(`books.billing-run: ${summary}; ${round(ours)} invoices/s (${round(oursSeconds, 1)} s)`);

  const baselineSeconds = await plainSqlInvoices(env.sql, env.orgId, '2027-04-01');
  const baseline = CONTRACTS / baselineSeconds;
  console.log(`plain SQL, the same rows: ${round(baseline)} invoices/s (${round(baselineSeconds, 1)} s)`);

  const figures = {
    contracts: CONTRACTS,
    lines_per_contract: LINES,
    billing_run_invoices_per_s: round(ours),
    plain_sql_invoices_per_s: round(baseline),
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
