import { forOrg, type OrgTransaction } from '@suite/db';
import { cancelRun, configureVault, listRuns, resumeRun } from '@suite/tools';
import { Command } from 'commander';
import { print, withCliDatabase } from './cli-database';
import { textTable } from './text-table';

type OrgOption = { org: string };

function inOrg(orgId: string, fn: (tx: OrgTransaction) => Promise<void>): Promise<void> {
  return withCliDatabase(async ({ config, database }) => {
    // A resume decrypts the run's credential: the vault's keys are those of VAULT_KEYS, as in `suite start`.
    configureVault(config);
    // A resume calls the vendor inside the transaction: its timeout must exceed the vendor's 15 s.
    await forOrg(database.db.app, orgId).transaction(fn, { timeout: 60_000 });
  });
}

/** `suite tools runs list|resume|cancel`: work parked while a vendor connection was in Error. */
export function toolsCommand(): Command {
  const tools = new Command('tools').description('the shared tool layer: paused runs');
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
        await cancelRun(tx, run);
        print([`run ${run} cancelled`]);
      }),
    );
  return tools;
}
