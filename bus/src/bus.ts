import type { Database } from '@suite/db';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { type TuningOverrides, withDefaults } from './bus-options';
import { type RunningSubscription, startSubscription } from './consumer/consumer-group.runtime';
import { Limiter } from './consumer/limiter';
import type { Subscription } from './consumer/subscription';
import { type BusMetrics, createBusMetrics } from './metrics/bus.metrics';
import { busStatus } from './operations/bus-status';
import { PgListener } from './pg/pg-listener';
import { systemPool } from './pg/system-connection';
import { Relay } from './relay/relay.service';
import { createTransport, type TransportChoice } from './transport/create-transport';
import type { Transport } from './transport/transport';

export interface BusOptions extends TransportChoice {
  /** Handler transactions run on `db.app` through forOrg. */
  readonly db: Database;
  /** The bus's own system connections (relay, log, leases, LISTEN) use this URL as suite_system. */
  readonly databaseUrl: string;
  readonly log: Logger;
  /** The suite's Prometheus registry; bus metrics are added to it. */
  readonly registry?: Registry;
  readonly tuning?: TuningOverrides;
}

export interface Bus {
  readonly transport: Transport;
  /** Starts this process's relay: active if no other relay holds the lock, standby otherwise. */
  startRelay(): Relay;
  subscribe(subscription: Subscription): Promise<RunningSubscription>;
  /** Stops subscriptions (finishing their batches), the relay, the transport and the connections, once. */
  close(): Promise<void>;
}

export function createBus(options: BusOptions): Bus {
  const tuning = withDefaults(options.tuning);
  const log = options.log.child({ component: 'bus' });
  const pool = systemPool(options.databaseUrl, 'suite-bus', 6, log);
  const listener = new PgListener(options.databaseUrl, log);
  const transport = createTransport(options, { pool, listener, log, tuning });
  const metrics: BusMetrics | undefined = options.registry && createBusMetrics(options.registry);
  const limiter = new Limiter(tuning.handlerConcurrency);
  const relays: Relay[] = [];
  const subscriptions: RunningSubscription[] = [];
  let closing: Promise<void> | undefined;
  if (metrics) {
    const status = () => busStatus(pool, transport);
    metrics.setLagSource(async () => (await status()).groups);
    metrics.setBacklogSource(async () => (await status()).relay.backlog);
  }

  return {
    transport,
    startRelay() {
      const relay = new Relay({
        databaseUrl: options.databaseUrl,
        transport,
        log,
        metrics,
        batchSize: tuning.relayBatchSize,
        pollMs: tuning.relayPollMs,
        idlePollMs: tuning.relayIdlePollMs,
        standbyPollMs: tuning.standbyPollMs,
        retentionMs: tuning.retentionMs,
        pruneEveryMs: tuning.pruneEveryMs,
      }).start();
      relays.push(relay);
      return relay;
    },
    async subscribe(subscription) {
      const running = await startSubscription(subscription, {
        db: options.db,
        pool,
        listener,
        transport,
        log,
        metrics,
        limiter,
        retry: tuning.retry,
        handlerTimeoutMs: tuning.handlerTimeoutMs,
        maxInFlight: tuning.maxInFlight,
        maxBatch: tuning.maxBatch,
        lingerMs: tuning.lingerMs,
        controlPollMs: tuning.controlPollMs,
      });
      subscriptions.push(running);
      return running;
    },
    close() {
      closing ??= (async () => {
        await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
        await Promise.all(relays.splice(0).map((relay) => relay.stop()));
        await transport.close();
        await listener.close();
        await pool.end();
      })();
      return closing;
    },
  };
}
