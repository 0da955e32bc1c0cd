import { folderStatuses, requestResync } from '@suite/tools';
import { Command } from 'commander';
import { print } from './cli-database';
import { textTable } from './text-table';
import { inOrg } from './tools.command';

const age = (seconds: number | null) =>
  seconds === null ? '-' : seconds < 120 ? `${seconds}s` : `${Math.round(seconds / 60)}m`;

/** `suite m365 status|resync`: the Microsoft 365 email sync per mailbox and folder. */
export function m365Command(): Command {
  const m365 = new Command('m365').description(
    'the Microsoft 365 email sync (m365.delta-sync, every 5 minutes)',
  );
  m365
    .command('status')
    .description('per mailbox and folder: last sync, cursor age, messages read and matched, errors')
    .requiredOption('--org <id>', 'org id')
    .action((options: { org: string }) =>
      inOrg(options.org, async (tx) => {
        const rows = await folderStatuses(tx);
        if (!rows.length)
          return print(['no mailbox has synced yet (connect Microsoft 365 and add mailboxes)']);
        print(
          textTable([
            [
              'MAILBOX',
              'FOLDER',
              'LAST SYNC',
              'CURSOR AGE',
              'READ',
              'MATCHED',
              'RESYNCS',
              'FAILING',
              'LAST ERROR',
            ],
            ...rows.map((row) => [
              row.mailbox,
              row.folder,
              row.lastSyncAt ?? '-',
              age(row.cursorAgeSeconds),
              String(row.messagesSeen),
              String(row.messagesMatched),
              String(row.resyncs),
              String(row.failureStreak),
              row.lastError ?? '-',
            ]),
          ]),
        );
      }),
    );
  m365
    .command('resync')
    .description('start a fresh snapshot of a mailbox (or one folder) on the next slot; nothing doubles')
    .requiredOption('--org <id>', 'org id')
    .requiredOption('--mailbox <address>', 'the mailbox address')
    .option('--folder <name>', 'one folder (inbox, sentitems, or a folder id)')
    .action((options: { org: string; mailbox: string; folder?: string }) =>
      inOrg(options.org, async (tx) => {
        const count = await requestResync(tx, {
          mailbox: options.mailbox.toLowerCase(),
          ...(options.folder && { folder: options.folder }),
        });
        print([
          count
            ? `${count} folder(s) of ${options.mailbox} will start a fresh snapshot on the next sync`
            : `${options.mailbox}${options.folder ? ` (${options.folder})` : ''} has not synced yet; nothing to resync`,
        ]);
      }),
    );
  return m365;
}
