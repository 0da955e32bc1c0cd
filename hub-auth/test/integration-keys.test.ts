import { createHash, randomUUID } from 'node:crypto';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIntegrationKey,
  type IntegrationKeyInputError,
  listIntegrationKeys,
  revokeIntegrationKey,
  rotateIntegrationKey,
} from '../src/integration-keys/integration-key.service';
import { scopeAllows, scopeProblem } from '../src/integration-keys/integration-scope';
import { parseOrgKeys } from '../src/integration-keys/remote-modules.config';
import { integrationProcedure } from '../src/trpc/integration.procedure';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

async function newOrg() {
  const org = await database.db.system.organization.create({
    data: { slug: `org-${randomUUID().slice(0, 8)}`, name: 'Org' },
  });
  return forOrg(database.db.app, org.id);
}

const psaToCrm = { caller: 'psa', target: 'crm', scopes: ['crm:*'], actor: 'test' };

describe('scope grammar', () => {
  it('grants exact procedures, segment prefixes and whole modules, nothing else', () => {
    expect(scopeAllows(['crm:pipeline.context'], 'crm:pipeline.context')).toBe(true);
    expect(scopeAllows(['crm:pipeline.*'], 'crm:pipeline.context')).toBe(true);
    expect(scopeAllows(['crm:*'], 'crm:activity.list')).toBe(true);
    expect(scopeAllows(['crm:pipeline.*'], 'crm:pipelines.list')).toBe(false);
    expect(scopeAllows(['crm:pipeline.context'], 'crm:pipeline.contextual')).toBe(false);
    expect(scopeAllows(['psa:*'], 'crm:activity.list')).toBe(false);
    expect(scopeAllows([], 'crm:activity.list')).toBe(false);
  });

  it('explains scopes a key for a target cannot hold', () => {
    expect(scopeProblem('crm:activity.list', 'crm')).toBeUndefined();
    expect(scopeProblem('crm:activity*', 'crm')).toMatch(/does not follow/);
    expect(scopeProblem('activity.list', 'crm')).toMatch(/does not follow/);
    expect(scopeProblem('erp:*', 'crm')).toMatch(/names module "erp"; expected one of crm, psa/);
    expect(scopeProblem('psa:*', 'crm')).toMatch(/is for psa, but the key opens crm/);
  });

  it('refuses to define a procedure whose scope is not exact', () => {
    expect(() => integrationProcedure('crm:*')).toThrow(/expected <module>:<procedure>/);
    expect(() => integrationProcedure('crm:pipeline.context')).not.toThrow();
  });
});

describe('integration keys in the database', () => {
  it('stores only a SHA-256 of the key, found by its public lookup id', async () => {
    const tenant = await newOrg();
    const { key, summary } = await createIntegrationKey(tenant, psaToCrm);
    expect(key).toMatch(/^osk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(summary.prefix).toBe(key.slice(0, 20));
    const [row] = await database.db.system.$queryRaw<{ json: string; hash: string }[]>`
      SELECT row_to_json(k)::text AS json, encode(secret_hash, 'hex') AS hash FROM platform.integration_key k WHERE id = ${summary.id}::uuid`;
    expect(row?.json).not.toContain(key.slice(21));
    expect(row?.hash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('keeps each org to its own keys', async () => {
    const [alpha, beta] = [await newOrg(), await newOrg()];
    const { summary } = await createIntegrationKey(beta, psaToCrm);
    expect(await listIntegrationKeys(alpha)).toEqual([]);
    await expect(revokeIntegrationKey(alpha, { id: summary.id }, 'test')).rejects.toThrow(
      `org ${alpha.orgId} has no integration key ${summary.id}`,
    );
    expect((await listIntegrationKeys(beta)).map((key) => key.status)).toEqual(['active']);
  });

  it('rotates only the newest key of a chain and revokes a key once', async () => {
    const tenant = await newOrg();
    const { summary } = await createIntegrationKey(tenant, psaToCrm);
    const { issued, previous } = await rotateIntegrationKey(
      tenant,
      { id: summary.id },
      { overlapMs: 60_000, actor: 'test' },
    );
    expect(previous.expiresAt?.getTime()).toBeGreaterThan(Date.now());
    expect(issued.summary).toMatchObject({
      caller: 'psa',
      target: 'crm',
      scopes: ['crm:*'],
      expiresAt: null,
    });
    await expect(
      rotateIntegrationKey(tenant, { id: summary.id }, { overlapMs: 0, actor: 'test' }),
    ).rejects.toThrow(`already rotated to ${issued.summary.prefix}; rotate that one`);
    await revokeIntegrationKey(tenant, { id: issued.summary.id }, 'test');
    await expect(revokeIntegrationKey(tenant, { id: issued.summary.id }, 'test')).rejects.toThrow(
      /already revoked/,
    );
    await expect(
      rotateIntegrationKey(tenant, { id: issued.summary.id }, { overlapMs: 0, actor: 'test' }),
    ).rejects.toThrow(/is revoked; create a new key instead/);
  });

  it('refuses keys that could not work, saying why', async () => {
    const tenant = await newOrg();
    const attempts = [
      { ...psaToCrm, caller: 'PSA app' },
      { ...psaToCrm, caller: 'crm' },
      { ...psaToCrm, scopes: [] },
    ];
    const messages = await Promise.all(
      attempts.map((input) =>
        createIntegrationKey(tenant, input).catch((error: IntegrationKeyInputError) => error.message),
      ),
    );
    expect(messages).toEqual([
      expect.stringMatching(/caller "PSA app" is not a product name/),
      expect.stringMatching(/caller and target are both crm/),
      expect.stringMatching(/no scope given; .* e.g. crm:\*/),
    ]);
  });
});

describe('configured keys of other deployments', () => {
  const org = randomUUID();
  const key = `osk_0123456789abcdef_${'A'.repeat(43)}`;

  it('parses <org id>=<key> entries and names bad ones without repeating a key', () => {
    expect(parseOrgKeys(` ${org}=${key} `)).toEqual({ keys: new Map([[org, key]]), problems: [] });
    const { problems } = parseOrgKeys(
      `${org}=${key},${org}=${key},northwind=${key},${randomUUID()}=osk_short`,
    );
    expect(problems).toEqual([
      `entry 2: org ${org} is given twice`,
      'entry 3: expected <org id (UUID)>=<key>',
      expect.stringMatching(/^entry 4: the key after ".*=" is not an integration key/),
    ]);
    expect(problems.join()).not.toContain('A'.repeat(43));
  });
});
