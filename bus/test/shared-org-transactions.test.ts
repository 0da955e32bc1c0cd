import { describe, expect, it } from 'vitest';
import type { AdvanceOffset } from '../src/consumer/partition-pipeline';
import { type ApplyTogether, SharedOrgTransactions } from '../src/consumer/shared-org-transactions';
import type { BusEvent } from '../src/consumer/subscription';

const event = (id: string) => ({ id }) as BusEvent;
const ORG = 'org-1';

/**
 * Records each transaction's events and the partitions whose offsets it writes. Every transaction
 * takes a moment, so batches handed over meanwhile wait; `fail` blames an event.
 */
function recordingApply(options: { fail?: (ids: string[]) => string | undefined } = {}) {
  const transactions: { ids: string[]; advanced: string[] }[] = [];
  const apply: ApplyTogether = async (_orgId, events, advances) => {
    const ids = events.map((e) => e.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const culprit = options.fail?.(ids);
    if (culprit) throw Object.assign(new Error(`handler failed on ${culprit}`), { eventId: culprit });
    if (ids.includes('reset') && ids.length > 1) throw new Error('connection reset');
    // No database here: the partitions whose offsets the transaction would write.
    const advanced = advances.flatMap((advance) => {
      const write = advance.target();
      return write ? [`${write.topic}/${write.partition}`] : [];
    });
    transactions.push({ ids, advanced });
  };
  return { apply, transactions };
}

const advanceOf = (partition: number): AdvanceOffset => ({
  commitIn: async (_tx, writes) => writes.map(() => true),
  target: () => ({ topic: 't', partition, next: 1n }),
  written: () => {},
});

function sharing(apply: ApplyTogether, limits: { maxEvents?: number; inFlightPerOrg?: number } = {}) {
  return new SharedOrgTransactions(apply, {
    maxEvents: limits.maxEvents ?? 100,
    inFlightPerOrg: limits.inFlightPerOrg ?? 1,
    culprit: (error) => (error as { eventId?: string }).eventId,
  });
}

const later = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SharedOrgTransactions', () => {
  it('spreads batches handed over in one turn over at most inFlightPerOrg transactions, with their offsets', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply, { inFlightPerOrg: 2 });
    await Promise.all([
      shared.run(ORG, [event('a')], advanceOf(0)),
      shared.run(ORG, [event('b'), event('c')], advanceOf(1)),
      shared.run(ORG, [event('d')], undefined),
      shared.run(ORG, [event('e')], advanceOf(3)),
      shared.run(ORG, [event('f')], advanceOf(4)),
    ]);
    expect(transactions).toEqual([
      { ids: ['a', 'b', 'c', 'd'], advanced: ['t/0', 't/1'] },
      { ids: ['e', 'f'], advanced: ['t/3', 't/4'] },
    ]);
  });

  it('lets batches arriving while the org’s transactions run wait, and go together when one ends', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply);
    const first = shared.run(ORG, [event('a')], undefined);
    await later();
    const waiting = [1, 2, 3].map((n) => shared.run(ORG, [event(`w${n}`)], undefined));
    await Promise.all([first, ...waiting]);
    expect(transactions.map((t) => t.ids)).toEqual([['a'], ['w1', 'w2', 'w3']]);
  });

  it('keeps orgs apart: another org’s batches neither wait nor share', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply);
    await Promise.all([
      shared.run(ORG, [event('a')], undefined),
      shared.run('org-2', [event('x')], undefined),
      shared.run(ORG, [event('b')], undefined),
      shared.run('org-2', [event('y')], undefined),
    ]);
    expect(transactions.map((t) => t.ids)).toEqual([
      ['a', 'b'],
      ['x', 'y'],
    ]);
  });

  it('does not grow a shared transaction beyond maxEvents', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply, { maxEvents: 3 });
    await Promise.all([0, 1, 2].map((p) => shared.run(ORG, [event(`${p}a`), event(`${p}b`)], undefined)));
    expect(transactions.map((t) => t.ids)).toEqual([
      ['0a', '0b'],
      ['1a', '1b'],
      ['2a', '2b'],
    ]);
  });

  it('fails only the batch holding the blamed event; the others are applied on their own', async () => {
    const { apply, transactions } = recordingApply({
      fail: (ids) => (ids.includes('bad') ? 'bad' : undefined),
    });
    const shared = sharing(apply);
    const outcomes = await Promise.allSettled([
      shared.run(ORG, [event('a')], advanceOf(0)),
      shared.run(ORG, [event('b'), event('bad')], advanceOf(1)),
      shared.run(ORG, [event('c')], advanceOf(2)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason.message).toBe('handler failed on bad');
    expect(transactions).toEqual([
      { ids: ['a'], advanced: ['t/0'] },
      { ids: ['c'], advanced: ['t/2'] },
    ]);
  });

  it('applies every batch on its own when a shared transaction fails without blaming an event', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply);
    await Promise.all([
      shared.run(ORG, [event('reset')], undefined),
      shared.run(ORG, [event('b')], undefined),
    ]);
    expect(transactions.map((t) => t.ids).sort()).toEqual([['b'], ['reset']]);
  });
});
