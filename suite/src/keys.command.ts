import { userInfo } from 'node:os';
import { MODULE_NAMES } from '@suite/contracts';
import { type Database, forOrg, type OrgScope } from '@suite/db';
import {
  createIntegrationKey,
  IntegrationKeyInputError,
  type IntegrationKeySummary,
  type IssuedIntegrationKey,
  KEY_TARGETS,
  listIntegrationKeys,
  parseKeyReference,
  remoteSettingNames,
  revokeIntegrationKey,
  rotateIntegrationKey,
  SCOPE_GRAMMAR,
} from '@suite/hub-auth';
import { Command, InvalidArgumentError } from 'commander';
import { print, time, withCliDatabase } from './cli-database';
import { textTable } from './text-table';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function duration(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match) throw new InvalidArgumentError('expected a duration such as 90s, 30m, 24h or 7d');
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

interface Org {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

export async function findOrg(db: Database, given: string): Promise<Org> {
  const org = await db.system.organization.findFirst({
    where: UUID.test(given) ? { id: given.toLowerCase() } : { slug: given },
    select: { id: true, slug: true, name: true },
  });
  if (org) return org;
  const known = await db.system.organization.findMany({
    select: { slug: true },
    orderBy: { slug: 'asc' },
    take: 20,
  });
  const slugs = known.map((candidate) => candidate.slug).join(', ') || 'none yet';
  throw new IntegrationKeyInputError(`no org with slug or id "${given}"; known orgs: ${slugs}`);
}

/** Opens the database like `suite start` does (DATABASE_URL or the embedded one), always closing it. */
function withOrg(given: string, fn: (tenant: OrgScope, org: Org) => Promise<void>): Promise<void> {
  return withCliDatabase(
    async ({ database }) => {
      const org = await findOrg(database.db, given);
      await fn(forOrg(database.db.app, org.id), org);
    },
    { migrate: true },
  );
}

const actor = () => `cli:${userInfo().username}`;

function issuedLines({ key, summary }: IssuedIntegrationKey, org: Org): string[] {
  const target = MODULE_NAMES.find((name) => name === summary.target);
  const setting = target ? remoteSettingNames(target).key : 'the caller configuration';
  return [
    `key ${summary.prefix} (id ${summary.id}): ${summary.caller} → ${summary.target} in ${org.slug}, scopes ${summary.scopes.join(', ')}`,
    '',
    'Shown this once; only its hash is stored:',
    key,
    '',
    `For a ${summary.caller} deployment calling ${summary.target} elsewhere, add this entry to ${setting}:`,
    `${org.id}=${key}`,
  ];
}

function table(keys: readonly IntegrationKeySummary[]): string[] {
  return textTable([
    ['PREFIX', 'CALLER', 'TARGET', 'STATUS', 'CREATED', 'LAST USED', 'EXPIRES', 'SCOPES', 'ID', 'LABEL'],
    ...keys.map((key) => [
      key.prefix,
      key.caller,
      key.target,
      key.status,
      time(key.createdAt),
      time(key.lastUsedAt),
      time(key.expiresAt),
      key.scopes.join(','),
      key.id,
      key.label,
    ]),
  ]);
}

/** `suite keys create|list|rotate|revoke`: integration keys of one org. */
export function keysCommand(): Command {
  const keys = new Command('keys').description(
    'integration keys: how one product calls another for an org (X-Integration-Key)',
  );
  const orgOption = ['--org <slug-or-id>', 'the org the key belongs to'] as const;

  keys
    .command('create')
    .description('create a key and print it once')
    .requiredOption(...orgOption)
    .requiredOption('--caller <product>', 'the product that presents the key, e.g. psa')
    .requiredOption('--target <module>', `the module it calls, or mcp: ${KEY_TARGETS.join(', ')}`)
    .requiredOption('--scope <scopes...>', `procedures it may call: ${SCOPE_GRAMMAR}`)
    .option('--label <text>', 'a note for operators, e.g. where the key is deployed')
    .action((options: { org: string; caller: string; target: string; scope: string[]; label?: string }) =>
      withOrg(options.org, async (tenant, org) => {
        const { caller, target, scope: scopes, label } = options;
        print(
          issuedLines(
            await createIntegrationKey(tenant, { caller, target, scopes, label, actor: actor() }),
            org,
          ),
        );
      }),
    );

  keys
    .command('list')
    .description("list the org's keys: prefix, scopes, status, created, last used")
    .requiredOption(...orgOption)
    .action((options: { org: string }) =>
      withOrg(options.org, async (tenant) => print(table(await listIntegrationKeys(tenant)))),
    );

  keys
    .command('rotate <key>')
    .description('replace a key (id or prefix); the old one stays valid for the overlap')
    .requiredOption(...orgOption)
    .option('--overlap <duration>', 'how long the old key keeps working', duration, UNIT_MS.h * 24)
    .action((reference: string, options: { org: string; overlap: number }) =>
      withOrg(options.org, async (tenant, org) => {
        const rotated = await rotateIntegrationKey(tenant, parseKeyReference(reference), {
          overlapMs: options.overlap,
          actor: actor(),
        });
        print([
          `rotated ${rotated.previous.prefix}: it stops working at ${time(rotated.previous.expiresAt)}`,
          ...issuedLines(rotated.issued, org),
        ]);
      }),
    );

  keys
    .command('revoke <key>')
    .description('refuse a key (id or prefix) from now on')
    .requiredOption(...orgOption)
    .action((reference: string, options: { org: string }) =>
      withOrg(options.org, async (tenant) => {
        const revoked = await revokeIntegrationKey(tenant, parseKeyReference(reference), actor());
        print([
          `revoked ${revoked.prefix} (${revoked.caller} → ${revoked.target}); every suite process refuses it within seconds`,
        ]);
      }),
    );
  return keys;
}
