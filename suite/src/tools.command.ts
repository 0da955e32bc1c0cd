import { entityId } from '@suite/contracts';
import { forOrg, type OrgTransaction } from '@suite/db';
import { cancelRun, configureVault, listDeliveries, listRuns, replayDelivery, resumeRun } from '@suite/tools';
import { Command } from 'commander';
import { print, withCliDatabase } from './cli-database';
import { textTable } from './text-table';
import { forgetCommand } from './tools-forget.command';

export type OrgOption = { org: string };

export function inOrg(orgId: string, fn: (tx: OrgTransaction) => Promise<void>): Promise<void> {
  return withCliDatabase(async ({ config, database }) => {
    // A resume decrypts the run's credential: the vault's keys are those of VAULT_KEYS, as in `suite start`.
    configureVault(config);
    // A resume calls the vendor inside the transaction: its timeout must exceed the vendor's 15 s.
    await forOrg(database.db.app, orgId).transaction(fn, { timeout: 60_000 });
  });
}

const DELIVERY_STATUSES = ['received', 'processed', 'failed'] as const;
type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** `suite tools webhooks list|replay`: inbound vendor webhooks, and the replay queue of failed ones. */
function webhooksCommand(): Command {
  const webhooks = new Command('webhooks').description('inbound vendor webhooks and their replay queue');
  webhooks
    .command('list')
    .description('the org’s latest inbound webhook deliveries (the replay queue with --status failed)')
    .requiredOption('--org <id>', 'org id')
    .option('--status <status>', `only ${DELIVERY_STATUSES.join(', ')}`)
    .action((options: OrgOption & { status?: string }) => {
      const status = options.status as DeliveryStatus | undefined;
      if (status !== undefined && !DELIVERY_STATUSES.includes(status))
        throw new Error(`--status ${options.status}: expected one of ${DELIVERY_STATUSES.join(', ')}`);
      return inOrg(options.org, async (tx) => {
        const rows = await listDeliveries(tx, { status });
        if (rows.length === 0)
          return print([status ? `no ${status} webhook deliveries` : 'no webhook deliveries']);
        print(
          textTable([
            ['DELIVERY', 'VENDOR', 'EVENT', 'STATUS', 'ATTEMPTS', 'RECEIVED AT', 'PUBLISHED / ERROR'],
            ...rows.map((row) => [
              row.id,
              row.provider,
              row.eventId,
              row.status,
              String(row.attempts),
              row.receivedAt,
              row.error ?? (row.published.join(', ') || '-'),
            ]),
          ]),
        );
      });
    });
  webhooks
    .command('replay <delivery>')
    .description('normalise and publish a stored delivery again (a processed one publishes nothing twice)')
    .requiredOption('--org <id>', 'org id')
    .action((delivery: string, options: OrgOption) =>
      withCliDatabase(async ({ database }) => {
        if (!entityId.safeParse(delivery).success)
          throw new Error(`delivery ${delivery}: expected a delivery id from \`suite tools webhooks list\``);
        const result = await replayDelivery(forOrg(database.db.app, options.org), delivery);
        print([
          result.status === 'processed'
            ? `delivery ${delivery} processed; published ${result.published.join(', ') || 'nothing'}`
            : `delivery ${delivery} failed again (attempt ${result.attempts}): ${result.error}`,
        ]);
      }),
    );
  return webhooks;
}

/** `suite tools runs|webhooks|forget …`: work parked while a vendor connection was in Error, inbound webhooks, erasure. */
export function toolsCommand(): Command {
  const tools = new Command('tools').description(
    'the shared tool layer: paused runs, inbound webhooks, right to erasure',
  );
  tools.addCommand(webhooksCommand());
  tools.addCommand(forgetCommand());
  const runs = tools.command('runs').description('tool runs parked while their connection was in Error');
  runs
    .command('list')
    .description('the org’s paused runs (and resumed or cancelled ones with --all)')
    .requiredOption('--org <id>', 'org id')
    .option('--all', 'include resumed and cancelled runs')
    .action((options: OrgOption & { all?: boolean }) =>
      inOrg(options.org, async (tx) => {
        const rows = await listRuns(tx, { status: options.all ? undefined : 'paused' });
        if (rows.length === 0) return print([options.all ? 'no runs were ever paused' : 'no paused runs']);
        print(
          textTable([
            ['RUN', 'TOOL', 'VENDOR', 'STATUS', 'STEP', 'PAUSED AT', 'REASON'],
            ...rows.map((row) => [
              row.id,
              row.tool,
              row.provider,
              row.status,
              row.step,
              row.pausedAt,
              row.reason,
            ]),
          ]),
        );
      }),
    );
  runs
    .command('resume <run>')
    .description('resume one paused run now, from its step (normally a passing Verify resumes them all)')
    .requiredOption('--org <id>', 'org id')
    .action((run: string, options: OrgOption) =>
      inOrg(options.org, async (tx) => {
        const result = await resumeRun(tx, run);
        if (!result) return print([`run ${run} was already resumed or cancelled`]);
        print([
          result.success
            ? `run ${run} resumed and succeeded`
            : `run ${run} resumed: ${result.error.code}: ${result.error.message}`,
        ]);
      }),
    );
  runs
    .command('cancel <run>')
    .description('cancel a paused run: it will not be resumed')
    .requiredOption('--org <id>', 'org id')
    .action((run: string, options: OrgOption) =>
      inOrg(options.org, async (tx) => {
        await cancelRun(tx, run, 'an operator (suite tools runs cancel)');
        print([`run ${run} cancelled`]);
      }),
    );
  return tools;
}
