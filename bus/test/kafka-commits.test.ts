import { describe, expect, it } from 'vitest';
import { CoalescedCommits, type PartitionOffset } from '../src/transport/kafka-commits';

/** The group coordinator's side: records each request and answers when told to. */
function coordinator() {
  const requests: PartitionOffset[][] = [];
  const answers: ((error?: Error) => void)[] = [];
  const send = (offsets: PartitionOffset[]) => {
    requests.push(offsets);
    return new Promise<void>((resolve, reject) =>
      answers.push((error) => (error ? reject(error) : resolve())),
    );
  };
  const answer = async (error?: Error) => {
    answers.shift()?.(error);
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { requests, send, answer };
}

describe('CoalescedCommits', () => {
  it('sends the first commit at once and what arrives meanwhile in one request, each partition once', async () => {
    const broker = coordinator();
    const commits = new CoalescedCommits(broker.send);
    const first = commits.commit('t', 0, '10');
    const later = [commits.commit('t', 1, '5'), commits.commit('t', 2, '7'), commits.commit('t', 1, '9')];
    expect(broker.requests).toEqual([[{ topic: 't', partition: 0, offset: '10' }]]);
    await broker.answer();
    await first;
    expect(broker.requests[1]).toEqual([
      { topic: 't', partition: 1, offset: '9' },
      { topic: 't', partition: 2, offset: '7' },
    ]);
    await broker.answer();
    await Promise.all(later);
    expect(broker.requests).toHaveLength(2);
  });

  it('never moves a partition back when a retried commit comes after a later one', async () => {
    const broker = coordinator();
    const commits = new CoalescedCommits(broker.send);
    const first = commits.commit('t', 0, '1');
    const newer = commits.commit('t', 3, '40');
    const retried = commits.commit('t', 3, '20');
    await broker.answer();
    await first;
    expect(broker.requests[1]).toEqual([{ topic: 't', partition: 3, offset: '40' }]);
    await broker.answer();
    await Promise.all([newer, retried]);
  });

  it('rejects the commits of a failed request with its error, and sends the next ones', async () => {
    const broker = coordinator();
    const commits = new CoalescedCommits(broker.send);
    const failed = commits.commit('t', 0, '3');
    const outcome = failed.catch((error: Error) => error.message);
    await broker.answer(new Error('REBALANCE_IN_PROGRESS'));
    expect(await outcome).toBe('REBALANCE_IN_PROGRESS');
    const next = commits.commit('t', 0, '3');
    expect(broker.requests).toHaveLength(2);
    await broker.answer();
    await expect(next).resolves.toBeUndefined();
  });
});
