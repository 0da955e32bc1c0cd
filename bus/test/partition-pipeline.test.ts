import { describe, expect, it } from 'vitest';
import { PartitionPipeline, type PipelineSteps } from '../src/consumer/partition-pipeline';
import { Stopper } from '../src/consumer/stopper';
import type { InboundRecord } from '../src/transport/transport';

const record = (offset: number, key: string): InboundRecord => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  key,
  envelope: {},
});

/** Lets the batches already taken reach `applyBatch`. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Which records each batch carried, and the offsets committed. */
function recordingSteps() {
  const batches: string[][] = [];
  const commits: bigint[] = [];
  const steps: PipelineSteps = {
    applyOne: async () => {},
    applyBatch: async (records) => {
      batches.push(records.map((r) => r.offset));
      return true;
    },
    commit: async (next) => {
      commits.push(next);
    },
    onCommitError: () => {},
  };
  return { steps, batches, commits };
}

describe('PartitionPipeline linger', () => {
  it('applies records of two deliveries within lingerMs as one batch', async () => {
    const { steps, batches, commits } = recordingSteps();
    const pipeline = new PartitionPipeline(
      steps,
      { maxInFlight: 100, maxBatch: 10, lingerMs: 200 },
      new Stopper(),
    );
    await pipeline.submit([record(0, 'a'), record(1, 'b')]);
    await pipeline.submit([record(2, 'a')]);
    await settled();
    expect(batches, 'nothing applied while lingering').toEqual([]);
    await pipeline.drain();
    expect(batches).toEqual([['0', '1', '2']]);
    expect(commits.at(-1)).toBe(3n);
  });

  it('applies a full batch at once, and each delivery at once without linger', async () => {
    const lingering = recordingSteps();
    const full = new PartitionPipeline(
      lingering.steps,
      { maxInFlight: 100, maxBatch: 2, lingerMs: 60_000 },
      new Stopper(),
    );
    await full.submit([record(0, 'a'), record(1, 'b'), record(2, 'c')]);
    await settled();
    expect(lingering.batches).toEqual([['0', '1']]);
    await full.drain();

    const eager = recordingSteps();
    const pipeline = new PartitionPipeline(
      eager.steps,
      { maxInFlight: 100, maxBatch: 10, lingerMs: 0 },
      new Stopper(),
    );
    await pipeline.submit([record(0, 'a')]);
    await pipeline.submit([record(1, 'b')]);
    await pipeline.drain();
    expect(eager.batches).toEqual([['0'], ['1']]);
  });
});
