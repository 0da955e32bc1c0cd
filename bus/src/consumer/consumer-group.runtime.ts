import type { Database } from '@suite/db';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { BusMetrics } from '../metrics/bus.metrics';
import type { PgListener } from '../pg/pg-listener';
import { Wakeup } from '../pg/wakeup';
import type { InboundRecord, Transport, TransportConsumer } from '../transport/transport';
import { claimReplays, markReplayed } from './dead-letter.repository';
import { ConsumerStoppingError, EventProcessor } from './event-processor';
import type { Limiter } from './limiter';
import { PartitionPipeline, type PipelineSteps } from './partition-pipeline';
import { Stopper } from './stopper';
import type { RetryPolicy, Subscription } from './subscription';

/** Channel of operator commands (pause, resume, replay); the payload is the group name. */
export const CONTROL_CHANNEL = 'bus_control';

export interface GroupRuntimeDeps {
  readonly db: Database;
  readonly pool: pg.Pool;
  readonly listener: PgListener;
  readonly transport: Transport;
  readonly log: Logger;
  readonly metrics?: BusMetrics;
  readonly limiter: Limiter;
  readonly retry: RetryPolicy;
  readonly handlerTimeoutMs: number;
  /** Unfinished records per partition before fetching waits. */
  readonly maxInFlight: number;
  /** Most records applied together in one transaction; 1 applies every event on its own. */
  readonly maxBatch: number;
  /** Longest a partition's records wait for more to fill a batch. */
  readonly lingerMs: number;
  /** How often pause state and replay requests are checked when no NOTIFY arrives. */
  readonly controlPollMs: number;
}

export interface RunningSubscription {
  readonly group: string;
  readonly topics: readonly string[];
  stop(): Promise<void>;
}

/** Runs one subscription: the transport's consumer, the processor, and the operator controls. */
export async function startSubscription(
  subscription: Subscription,
  deps: GroupRuntimeDeps,
): Promise<RunningSubscription> {
  const { group } = subscription;
  const stopper = new Stopper();
  const log = deps.log.child({ group });
  const processor = new EventProcessor(subscription, {
    ...deps,
    retry: { ...deps.retry, ...subscription.retry },
    log,
    stopper,
  });
  const topics = processor.topics;
  await deps.pool.query(
    `INSERT INTO bus.consumer_group (name, transport, topics) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET transport = EXCLUDED.transport,
       topics = ARRAY(SELECT DISTINCT unnest(bus.consumer_group.topics || EXCLUDED.topics) ORDER BY 1),
       updated_at = now()`,
    [group, deps.transport.kind, topics],
  );

  const pipelines = new Map<string, PartitionPipeline>();
  const applyOne = async (record: InboundRecord) => {
    // Anything else that fails is retried until the consumer stops; processing the same record again
    // is safe (inbox, dead-letter upsert).
    for (;;) {
      try {
        await processor.process(record);
        return;
      } catch (error) {
        if (error instanceof ConsumerStoppingError || stopper.stopped) throw error;
        log.error(
          { err: error, topic: record.topic, offset: record.offset },
          'cannot process event; retrying',
        );
        await stopper.sleep(deps.controlPollMs);
      }
    }
  };
  const applyBatch: PipelineSteps['applyBatch'] =
    deps.maxBatch > 1 ? (records, advance) => processor.processBatch(records, advance) : undefined;
  await deps.transport.ensureTopics(topics);
  const consumer = await deps.transport.consume({
    group,
    topics,
    async deliver(batch, commit, commitIn) {
      const id = `${batch.topic}/${batch.partition}`;
      let pipeline = pipelines.get(id);
      if (!pipeline) {
        const steps: PipelineSteps = {
          applyOne,
          applyBatch,
          commit,
          commitIn,
          onCommitError: (error: unknown, next: bigint) =>
            log.warn({ err: error, id, next: String(next) }, 'offset commit failed; retrying'),
        };
        pipeline = new PartitionPipeline(steps, deps, stopper);
        pipelines.set(id, pipeline);
      }
      await pipeline.submit(batch.records);
    },
    async release(topic, partition) {
      const id = `${topic}/${partition}`;
      const pipeline = pipelines.get(id);
      pipelines.delete(id);
      await pipeline?.drain();
    },
  });

  const control = new Wakeup();
  const unlisten = await deps.listener.listen(CONTROL_CHANNEL, (payload) => {
    if (payload === group || payload === '') control.wake();
  });
  const controlling = runControls(group, consumer, processor, deps, stopper, control);

  let stopped: Promise<void> | undefined;
  return {
    group,
    topics,
    stop() {
      stopped ??= (async () => {
        stopper.stop();
        control.wake();
        unlisten();
        await controlling;
        await consumer.stop();
      })();
      return stopped;
    },
  };
}

/** Applies the group's pause flag and replays the dead letters an operator asked for. */
async function runControls(
  group: string,
  consumer: TransportConsumer,
  processor: EventProcessor,
  deps: GroupRuntimeDeps,
  stopper: Stopper,
  control: Wakeup,
): Promise<void> {
  let paused = false;
  while (!stopper.stopped) {
    try {
      const { rows } = await deps.pool.query<{ paused: boolean }>(
        'SELECT paused FROM bus.consumer_group WHERE name = $1',
        [group],
      );
      const wanted = rows[0]?.paused ?? false;
      if (wanted !== paused) {
        await (wanted ? consumer.pause() : consumer.resume());
        paused = wanted;
        deps.log.info({ group }, paused ? 'consumer group paused' : 'consumer group resumed');
      }
      if (!paused) {
        for (const request of await claimReplays(deps.pool, group, 100)) {
          const record = {
            topic: request.topic,
            partition: -1,
            offset: 'dead-letter',
            key: request.key,
            envelope: request.envelope,
          };
          const outcome = await processor.process(record);
          if (outcome === 'applied' || outcome === 'duplicate') await markReplayed(deps.pool, request.id);
          deps.log.info({ group, deadLetter: request.id, outcome }, 'dead letter replayed');
        }
      }
    } catch (error) {
      if (!(error instanceof ConsumerStoppingError))
        deps.log.warn({ err: error, group }, 'consumer group controls failed; retrying');
    }
    await control.wait(deps.controlPollMs);
  }
}
