import type { Logger } from 'pino';
import { withDefaults } from '../bus-options';
import { PgListener } from '../pg/pg-listener';
import { systemPool } from '../pg/system-connection';
import { createTransport, type TransportChoice } from '../transport/create-transport';
import { type BusStatus, busStatus } from './bus-status';
import {
  type DeadLetter,
  type DeadLetterFilter,
  type DeadLetterSummary,
  listDeadLetters,
  type ReplaySelection,
  requestReplay,
  showDeadLetter,
} from './dead-letters';
import { setGroupPaused } from './group-control';

export interface BusOperations {
  status(): Promise<BusStatus>;
  listDeadLetters(filter?: DeadLetterFilter): Promise<DeadLetterSummary[]>;
  showDeadLetter(id: string): Promise<DeadLetter | undefined>;
  replay(selection: ReplaySelection): Promise<string[]>;
  pause(group: string): Promise<void>;
  resume(group: string): Promise<void>;
  close(): Promise<void>;
}

/** What `suite bus ...` does, usable without starting consumers or a relay. */
export function connectBusOperations(
  options: TransportChoice & { databaseUrl: string; log: Logger },
): BusOperations {
  const pool = systemPool(options.databaseUrl, 'suite-bus-cli', 2, options.log);
  const listener = new PgListener(options.databaseUrl, options.log);
  const transport = createTransport(options, { pool, listener, log: options.log, tuning: withDefaults() });
  return {
    status: () => busStatus(pool, transport),
    listDeadLetters: (filter) => listDeadLetters(pool, filter),
    showDeadLetter: (id) => showDeadLetter(pool, id),
    replay: (selection) => requestReplay(pool, selection),
    pause: (group) => setGroupPaused(pool, group, true),
    resume: (group) => setGroupPaused(pool, group, false),
    async close() {
      await transport.close();
      await listener.close();
      await pool.end();
    },
  };
}
