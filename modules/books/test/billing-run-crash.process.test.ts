import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { forOrg, type OrgScope } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateContract } from '../src/contracts/contract-activation.service';
import { setUpContractFromDeal } from '../src/contracts/contract-setup.service';
import { createGlAccount, setDefaultGlAccount } from '../src/gl/gl-account.service';
import { BILLING_BATCH } from '../src/invoices/billing-run.service';
import { billingRunJob } from '../src/jobs/billing-run.job';
import { wonDeal } from './support/books-data';

const suiteBin = fileURLToPath(new URL('../../../suite/bin/suite.js', import.meta.url));
// Three batches: the kill lands after the first commits and before the last.
const CONTRACTS = 3 * BILLING_BATCH;
const LINES = 5;
const SEED_CHUNK = 25;

let database: TestDatabase;
let tenant: OrgScope;

/** An org with `CONTRACTS` active contracts of `LINES` monthly lines each, won at the start of last month. */
async function orgWithContracts(slug: string): Promise<OrgScope> {
  const org = await database.db.system.organization.create({ data: { slug, name: slug } });
  const scope = forOrg(database.db.app, org.id);
  const now = new Date();
  const wonAt = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 10)).toISOString();
  await scope.transaction(async (tx) => {
    const account = await createGlAccount(tx, { code: '4000', name: 'Managed services' });
    await setDefaultGlAccount(tx, { glAccountId: account.glAccountId });
  });
  for (let chunk = 0; chunk < CONTRACTS; chunk += SEED_CHUNK)
    await scope.transaction(
      async (tx) => {
        for (let index = 0; index < SEED_CHUNK; index += 1) {
          const deal = wonDeal({
            wonAt,
            lineItems: Array.from({ length: LINES }, (_, line) => ({
              serviceCode: `SVC-${line}`,
              description: `Service ${line}`,
              quantity: line + 1,
              unitPrice: '33.33',
              recurring: true,
            })),
          });
          const { contractId } = await setUpContractFromDeal(tx, deal);
          await activateContract(tx, contractId, 'test');
        }
      },
      { timeout: 60_000 },
    );
  return scope;
}

const runJob = () => billingRunJob.run({ db: database.db, log: pino({ level: 'silent' }), slot: new Date() });

async function invoiceState(scope: OrgScope) {
  return scope.transaction(async (tx) => ({
    numbers: (await tx.booksInvoice.findMany({ select: { number: true }, orderBy: { number: 'asc' } })).map(
      (invoice) => invoice.number,
    ),
    lines: await tx.booksInvoiceLine.count(),
    distinctLinePeriods: (
      await tx.booksInvoiceLine.groupBy({ by: ['contractLineId', 'periodStart'], _count: true })
    ).length,
    finalizedEvents: await tx.busOutbox.count({ where: { type: 'books.invoice.finalized' } }),
  }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  tenant = await orgWithContracts('crashing');
});
afterAll(() => database?.drop());

describe('books.billing-run idempotency', () => {
  it('a run SIGKILLed mid-way, then run again, bills each line once per period with gapless numbers', async () => {
    const child = spawn(process.execPath, [suiteBin, 'jobs', 'run', 'books.billing-run'], {
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'debug', MODULES: 'books' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let batches = 0;
    let output = '';
    // The CLI's logs go to stderr (stdout carries its answer).
    for await (const chunk of child.stderr) {
      output += String(chunk);
      batches = output
        .split('\n')
        .filter((line) => line.includes('books.billing-run billed a batch of contracts')).length;
      if (batches >= 1) break;
    }
    child.kill('SIGKILL');
    if (child.exitCode === null) await once(child, 'exit');
    expect(batches, `the child's output:\n${output}`).toBeGreaterThanOrEqual(1);
    const killed = await invoiceState(tenant);
    // Whole batches only: the one in hand when killed rolled back, numbers included.
    expect(killed.numbers.length).toBeGreaterThanOrEqual(BILLING_BATCH);
    expect(killed.numbers.length).toBeLessThan(CONTRACTS);
    expect(killed.numbers.length % BILLING_BATCH).toBe(0);
    expect(killed.numbers).toEqual(Array.from({ length: killed.numbers.length }, (_, index) => index + 1));

    expect(await runJob()).toMatch(/invoice\(s\)/);
    const after = await invoiceState(tenant);
    // Two periods are due (last month from the 10th, and this month) for every line.
    expect(after.lines).toBe(CONTRACTS * LINES * 2);
    expect(after.distinctLinePeriods).toBe(after.lines);
    expect(after.numbers).toEqual(Array.from({ length: CONTRACTS }, (_, index) => index + 1));
    expect(after.finalizedEvents).toBe(CONTRACTS);
  });

  it('two runs at once and a run repeated bill nothing twice', async () => {
    const scope = await orgWithContracts('doubled');
    const [first, second] = await Promise.all([runJob(), runJob()]);
    await runJob();
    const state = await invoiceState(scope);
    expect(state.lines).toBe(CONTRACTS * LINES * 2);
    expect(state.distinctLinePeriods).toBe(state.lines);
    expect(state.numbers).toEqual(Array.from({ length: CONTRACTS }, (_, index) => index + 1));
    expect(state.finalizedEvents).toBe(CONTRACTS);
    expect([first, second].join(' ')).toMatch(/invoice/);
  });
});
