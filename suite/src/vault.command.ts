import { forOrg } from '@suite/db';
import { configureVault, listDecryptAudit, newKeyEntry, requireKeyring, rotateVault } from '@suite/tools';
import { Command, InvalidArgumentError } from 'commander';
import { print, withCliDatabase } from './cli-database';
import { textTable } from './text-table';

function version(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('expected a version number above 0');
  return parsed;
}

/** `suite vault new-key|rotate|audit`: the credential vault's keys and its decrypt record. */
export function vaultCommand(): Command {
  const vault = new Command('vault').description('the credential vault: keys, rotation, decrypt audit');
  vault
    .command('new-key')
    .description('print a new VAULT_KEYS entry (append it, then run suite vault rotate)')
    .option('--version <n>', 'its version (one above the highest you hold)', version, 1)
    .action((options: { version: number }) => print([newKeyEntry(options.version)]));
  vault
    .command('rotate')
    .description('re-wrap every data key under the active key of VAULT_KEYS; safe to interrupt and run again')
    .action(() =>
      withCliDatabase(async ({ config, database }) => {
        const keyring = requireKeyring(configureVault(config));
        const stop = new AbortController();
        process.once('SIGINT', () => stop.abort());
        const { rewrapped, remaining } = await rotateVault(database.db, keyring, { signal: stop.signal });
        print([
          remaining === 0
            ? `re-wrapped ${rewrapped} data keys; every credential is under key version ${keyring.activeVersion}`
            : `stopped after ${rewrapped} data keys; ${remaining} remain — run suite vault rotate again`,
        ]);
      }),
    );
  vault
    .command('audit')
    .description('decrypt records of an org, newest first')
    .requiredOption('--org <id>', 'org id')
    .option('--connection <id>', 'only this connection')
    .option('--limit <n>', 'rows to show', version, 100)
    .action((options: { org: string; connection?: string; limit: number }) =>
      withCliDatabase(async ({ database }) => {
        const rows = await forOrg(database.db.app, options.org).transaction(
          (tx) => listDecryptAudit(tx, { connectionId: options.connection, limit: options.limit }),
          { timeout: 30_000 },
        );
        if (rows.length === 0) return print(['no decrypts recorded']);
        print(
          textTable([
            ['AT', 'CONNECTION', 'ACTOR', 'PURPOSE', 'REQUEST', 'TRACE'],
            ...rows.map((row) => [
              row.at,
              row.connectionId,
              `${row.actorType}:${row.actorId}`,
              row.purpose,
              row.requestId ?? '—',
              row.traceId ?? '—',
            ]),
          ]),
        );
      }),
    );
  return vault;
}
