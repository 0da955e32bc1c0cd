import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyMigrations,
  ensureAppLogin,
  ensureDatabase,
  type RunningPostgres,
  startEmbeddedPostgres,
} from '@suite/db';
import { openTestDatabase, type TestDatabase } from '@suite/db/testing';

/** An embedded PostgreSQL of this test's own, for fault tests that stop it: never the shared server. */
export interface OwnPostgres {
  /** A migrated database on this server. */
  database(): Promise<TestDatabase>;
  /** Like `pg_ctl stop -m immediate`: the postmaster gets SIGQUIT and every backend dies at once. */
  crash(): Promise<void>;
  /** Starts the server again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const portOf = (url: string) => Number(new URL(url).port);

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'suite-bus-fault-pg-'));
  const dataDir = path.join(dir, 'pg');
  let server: RunningPostgres = await startEmbeddedPostgres({ dataDir, port: 0 });
  const port = portOf(server.url);
  const serverUrl = server.url;
  return {
    async database() {
      const name = `suite_fault_${randomBytes(6).toString('hex')}`;
      await applyMigrations(await ensureDatabase(serverUrl, name));
      await ensureAppLogin(serverUrl);
      return openTestDatabase(serverUrl, name);
    },
    async crash() {
      const pid = Number.parseInt(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8'), 10);
      process.kill(pid, 'SIGQUIT');
      while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    async restart() {
      server = await startEmbeddedPostgres({ dataDir, port });
    },
    async stop() {
      await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
