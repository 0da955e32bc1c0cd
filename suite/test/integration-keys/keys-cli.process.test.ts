import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSuite } from '../../src';
import { callIntegration, createOrg, startKeySuite, within } from './support';
import { crmTestModule } from './test-modules';

const BIN = fileURLToPath(new URL('../../bin/suite.js', import.meta.url));
const KEY = /^osk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/m;

let database: TestDatabase;
let suite: RunningSuite;
let org: { id: string; slug: string };

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `suite keys ...` as an operator runs it: its own process, against DATABASE_URL. */
function keys(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'keys', ...args],
      { env: { ...process.env, DATABASE_URL: database.url, MIGRATE_ON_START: 'false', LOG_LEVEL: 'warn' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

function issued(result: CliResult): { key: string; prefix: string } {
  expect(result.code, result.stderr).toBe(0);
  const key = KEY.exec(result.stdout)?.[0] ?? '';
  return { key, prefix: key.slice(0, 'osk_'.length + 16) };
}

const status = async (key: string) => (await callIntegration(suite.url, 'pipeline.context', key)).status;

beforeAll(async () => {
  database = await createTestDatabase();
  suite = await startKeySuite(database.url, [crmTestModule]);
  org = await createOrg(database.db, 'northwind');
});
afterAll(async () => {
  await suite?.close();
  await database?.drop();
});

describe('suite keys', () => {
  it('creates, lists, rotates and revokes a key, auditing each change', async () => {
    const created = await keys(
      'create',
      '--org',
      org.slug,
      '--caller',
      'psa',
      '--target',
      'crm',
      '--scope',
      'crm:pipeline.context',
      'crm:activity.*',
      '--label',
      'psa production',
    );
    const first = issued(created);
    expect(created.stdout).toContain(`add this entry to CRM_INTEGRATION_KEY:\n${org.id}=${first.key}`);
    expect(await status(first.key)).toBe(200);

    // Listed with its last use (recorded in the background), by org id as well as slug.
    const listedRow = async () => {
      const listed = await keys('list', '--org', org.id);
      expect(listed.stdout).not.toContain(first.key);
      return listed.stdout.split('\n').find((line) => line.startsWith(first.prefix)) ?? '';
    };
    const used =
      /psa\s+crm\s+active\s+\S+Z\s+\S+Z\s+—\s+crm:pipeline.context,crm:activity.\*\s+\S+\s+psa production$/;
    await within(15_000, async () => used.test(await listedRow()));

    const rotated = await keys('rotate', first.prefix, '--org', org.slug, '--overlap', '1h');
    const second = issued(rotated);
    expect(rotated.stdout).toMatch(new RegExp(`rotated ${first.prefix}: it stops working at \\S+Z`));
    expect([await status(first.key), await status(second.key)]).toEqual([200, 200]);

    const revoked = await keys('revoke', second.prefix, '--org', org.slug);
    expect(revoked.code, revoked.stderr).toBe(0);
    await within(5_000, async () => (await status(second.key)) === 401);

    const audit = await forOrg(database.db.app, org.id).transaction((tx) =>
      tx.auditLogEntry.findMany({ orderBy: { at: 'asc' }, select: { action: true, actor: true } }),
    );
    expect(audit.map((entry) => entry.action)).toEqual([
      'integration_key.created',
      'integration_key.rotated',
      'integration_key.revoked',
    ]);
    expect(audit.every((entry) => entry.actor.startsWith('cli:'))).toBe(true);
  });

  it('refuses bad input with a non-zero exit and a message naming the problem', async () => {
    const create = (orgSlug: string, target: string, scope: string) => [
      'create',
      '--org',
      orgSlug,
      '--caller',
      'psa',
      '--target',
      target,
      '--scope',
      scope,
    ];
    const cases: [args: string[], message: RegExp][] = [
      [create('no-such-org', 'crm', 'crm:*'), /no org with slug or id "no-such-org"/],
      [create(org.slug, 'crm', 'crm:pipeline..context'), /scope "crm:pipeline..context" does not follow/],
      [create(org.slug, 'crm', 'psa:ping'), /scope "psa:ping" is for psa, but the key opens crm/],
      [create(org.slug, 'crmx', 'crm:*'), /target "crmx" is not a module/],
      [['rotate', 'abc', '--org', org.slug], /"abc" is not a key id or prefix/],
      [['rotate', 'osk_0123456789abcdef', '--org', org.slug, '--overlap', '1 day'], /expected a duration/],
      [['revoke', 'osk_0123456789abcdef', '--org', org.slug], /has no integration key osk_0123456789abcdef/],
    ];
    const results = await Promise.all(cases.map(([args]) => keys(...args)));
    results.forEach((result, index) => {
      expect(result.code, cases[index]?.[0].join(' ')).toBe(1);
      expect(result.stderr).toMatch(cases[index]?.[1] ?? /./);
    });
  });
});
