import { Counter, Gauge, type Registry } from 'prom-client';
import type { PartitionLag } from '../transport/transport';

export interface BusMetrics {
  readonly published: Counter<'topic'>;
  readonly consumed: Counter<'group' | 'type'>;
  readonly retried: Counter<'group' | 'type'>;
  readonly deadLettered: Counter<'group' | 'type' | 'reason'>;
  /** Where lag comes from: read on every scrape, so it is never stale. */
  setLagSource(source: () => Promise<{ group: string; partitions: PartitionLag[] }[]>): void;
  setBacklogSource(source: () => Promise<number>): void;
}

/** Bus counters and gauges on the suite's Prometheus registry. */
export function createBusMetrics(registry: Registry): BusMetrics {
  let lagSource: () => Promise<{ group: string; partitions: PartitionLag[] }[]> = async () => [];
  let backlogSource: () => Promise<number> = async () => 0;
  const registers = [registry];
  const metrics: BusMetrics = {
    published: new Counter({
      name: 'suite_bus_published_total',
      help: 'Events the relay handed to the transport, by topic',
      labelNames: ['topic'] as const,
      registers,
    }),
    consumed: new Counter({
      name: 'suite_bus_consumed_total',
      help: 'Events a consumer group applied (handler committed with its inbox row)',
      labelNames: ['group', 'type'] as const,
      registers,
    }),
    retried: new Counter({
      name: 'suite_bus_retried_total',
      help: 'Handler attempts that failed and were retried',
      labelNames: ['group', 'type'] as const,
      registers,
    }),
    deadLettered: new Counter({
      name: 'suite_bus_dead_lettered_total',
      help: 'Events dead-lettered, by reason (handler-failed, invalid-payload, invalid-envelope)',
      labelNames: ['group', 'type', 'reason'] as const,
      registers,
    }),
    setLagSource(source) {
      lagSource = source;
    },
    setBacklogSource(source) {
      backlogSource = source;
    },
  };
  new Gauge({
    name: 'suite_bus_consumer_lag',
    help: 'Events not yet consumed, per consumer group and partition',
    labelNames: ['group', 'topic', 'partition'] as const,
    registers,
    async collect() {
      this.reset();
      for (const { group, partitions } of await lagSource()) {
        for (const { topic, partition, lag } of partitions)
          this.set({ group, topic, partition: String(partition) }, Number(lag));
      }
    },
  });
  new Gauge({
    name: 'suite_bus_relay_backlog',
    help: 'Committed outbox rows the relay has not yet published',
    registers,
    async collect() {
      this.set(await backlogSource());
    },
  });
  return metrics;
}
