import { describe, expect, it } from 'vitest';
import type { AdvanceOffset } from '../src/consumer/partition-pipeline';
import { type ApplyTogether, SharedOrgTransactions } from '../src/consumer/shared-org-transactions';
import type { BusEvent } from '../src/consumer/subscription';

const event = (id: string) => ({ id }) as BusEvent;
const ORG = 'org-1';
const at = (partition: number) => ({ topic: 't', partition });

/**
 * Records each transaction's events and the partitions whose offsets it wrote, in order. Every
 * transaction takes a moment, so batches handed over meanwhile wait; `fail` blames an event.
 */
function recordingApply(options: { fail?: (ids: string[]) => string | undefined } = {}) {
  const transactions: { ids: string[]; advanced: string[] }[] = [];
  const apply: ApplyTogether = async (_orgId, events, advances) => {
    const ids = events.map((e) => e.id);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const culprit = options.fail?.(ids);
    if (culprit) throw Object.assign(new Error(`handler failed on ${culprit}`), { eventId: culprit });
    if (ids.includes('reset') && ids.length > 1) throw new Error('connection reset');
    const advanced: string[] = [];
    // No database here: each advance only says which partition it writes.
    for (const advance of advances) await advance(advanced as never);
    transactions.push({ ids, advanced });
  };
  return { apply, transactions };
}

const advanceOf =
  (partition: number): AdvanceOffset =>
  async (tx) => {
    (tx as unknown as string[]).push(`t/${partition}`);
  };

function sharing(apply: ApplyTogether, limits: { maxEvents?: number; inFlightPerOrg?: number } = {}) {
  return new SharedOrgTransactions(apply, {
    maxEvents: limits.maxEvents ?? 100,
    inFlightPerOrg: limits.inFlightPerOrg ?? 1,
    culprit: (error) => (error as { eventId?: string }).eventId,
  });
}

describe('SharedOrgTransactions', () => {
  it('starts batches at once up to inFlightPerOrg; those arriving meanwhile share one transaction, offsets in partition order', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply, { inFlightPerOrg: 2 });
    await Promise.all([
      shared.run(ORG, at(7), [event('first')], advanceOf(7)),
      shared.run(ORG, at(6), [event('second')], advanceOf(6)),
      shared.run(ORG, at(2), [event('c')], advanceOf(2)),
      shared.run(ORG, at(0), [event('a'), event('b')], advanceOf(0)),
      shared.run(ORG, at(1), [event('d')], undefined),
    ]);
    expect(transactions).toEqual([
      { ids: ['first'], advanced: ['t/7'] },
      { ids: ['second'], advanced: ['t/6'] },
      { ids: ['c', 'a', 'b', 'd'], advanced: ['t/0', 't/2'] },
    ]);
  });

  it('keeps orgs apart: another org’s batch neither waits nor shares', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply);
    await Promise.all([
      shared.run(ORG, at(0), [event('a')], undefined),
      shared.run('org-2', at(0), [event('x')], undefined),
      shared.run(ORG, at(1), [event('b')], undefined),
      shared.run('org-2', at(1), [event('y')], undefined),
      shared.run(ORG, at(2), [event('c')], undefined),
    ]);
    expect(transactions.map((t) => t.ids)).toEqual([['a'], ['x'], ['b', 'c'], ['y']]);
  });

  it('does not grow a shared transaction beyond maxEvents', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply, { maxEvents: 3 });
    await Promise.all(
      [0, 1, 2, 3].map((p) => shared.run(ORG, at(p), [event(`${p}a`), event(`${p}b`)], undefined)),
    );
    expect(transactions.map((t) => t.ids)).toEqual([
      ['0a', '0b'],
      ['1a', '1b'],
      ['2a', '2b'],
      ['3a', '3b'],
    ]);
  });

  it('fails only the batch holding the blamed event; the others are applied on their own', async () => {
    const { apply, transactions } = recordingApply({
      fail: (ids) => (ids.includes('bad') ? 'bad' : undefined),
    });
    const shared = sharing(apply);
    const outcomes = await Promise.allSettled([
      shared.run(ORG, at(3), [event('first')], advanceOf(3)),
      shared.run(ORG, at(0), [event('a')], advanceOf(0)),
      shared.run(ORG, at(1), [event('b'), event('bad')], advanceOf(1)),
      shared.run(ORG, at(2), [event('c')], advanceOf(2)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[2] as PromiseRejectedResult).reason.message).toBe('handler failed on bad');
    expect(transactions).toEqual([
      { ids: ['first'], advanced: ['t/3'] },
      { ids: ['a'], advanced: ['t/0'] },
      { ids: ['c'], advanced: ['t/2'] },
    ]);
  });

  it('applies every batch on its own when a shared transaction fails without blaming an event', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply);
    await Promise.all([
      shared.run(ORG, at(2), [event('first')], undefined),
      shared.run(ORG, at(0), [event('reset')], undefined),
      shared.run(ORG, at(1), [event('b')], undefined),
    ]);
    expect(transactions.map((t) => t.ids).sort()).toEqual([['b'], ['first'], ['reset']]);
  });

  it('applies an event handed over twice once', async () => {
    const { apply, transactions } = recordingApply();
    const shared = sharing(apply);
    await Promise.all([
      shared.run(ORG, at(1), [event('first')], undefined),
      shared.run(ORG, at(0), [event('a')], undefined),
      shared.run(ORG, at(0), [event('a'), event('b')], undefined),
    ]);
    expect(transactions.map((t) => t.ids)).toEqual([['first'], ['a', 'b']]);
  });
});
