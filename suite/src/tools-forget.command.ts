import { userInfo } from 'node:os';
import { forOrg } from '@suite/db';
import { configureVault, forgetPerson } from '@suite/tools';
import { Command } from 'commander';
import { print, withCliDatabase } from './cli-database';
import { findOrg } from './keys.command';
import { installedModules } from './module-registry';

const MARK = { done: 'erased', nothing_found: 'nothing', divergence: 'DIVERGENCE' } as const;

/** `suite tools forget`: right to erasure of one person in one org, every step and divergence printed. */
export function forgetCommand(): Command {
  return new Command('forget')
    .description('erase a person (email or phone) from every module and the org’s external CRM')
    .requiredOption('--org <slug-or-id>', 'the org the person is erased from')
    .requiredOption('--contact <email|phone>', 'the person’s email address or phone number')
    .option('--country <code>', 'the country a national phone number is read in (default US)')
    .action((options: { org: string; contact: string; country?: string }) =>
      withCliDatabase(
        async ({ config, database }) => {
          // The external CRM's credential is decrypted with the vault's keys, as in `suite start`.
          configureVault(config);
          const org = await findOrg(database.db, options.org);
          const contact = options.contact.trim();
          const input = contact.includes('@')
            ? { email: contact }
            : { phone: contact, country: options.country };
          const report = await forgetPerson(forOrg(database.db.app, org.id), installedModules, input, {
            actor: `cli:${userInfo().username}`,
          });
          print([
            `forgetting ${report.subjectHash.slice(0, 12)}… in ${org.slug}`,
            ...report.steps.map((step) => `  ${MARK[step.outcome].padEnd(10)} ${step.step}: ${step.detail}`),
            report.divergences
              ? `${report.divergences} divergence(s) to resolve by hand; the audit log has every step`
              : 'done; the audit log has every step',
            report.eventPublished
              ? 'platform.person.erased published'
              : 'platform.person.erased was already published by an earlier run',
          ]);
        },
        { migrate: true },
      ),
    );
}
