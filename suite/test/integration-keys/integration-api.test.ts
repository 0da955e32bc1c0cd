import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { listIntegrationKeys, revokeIntegrationKey, rotateIntegrationKey } from '@suite/hub-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSuite } from '../../src';
import { CapturedLogs, callIntegration, createOrg, issueKey, startKeySuite, within } from './support';
import { crmTestModule, psaTestModule } from './test-modules';

let database: TestDatabase;
let suite: RunningSuite;
const logs = new CapturedLogs();
let northwind: { id: string; slug: string };
let contoso: { id: string; slug: string };

beforeAll(async () => {
  database = await createTestDatabase();
  suite = await startKeySuite(database.url, [crmTestModule, psaTestModule], {}, logs);
  northwind = await createOrg(database.db, 'northwind');
  contoso = await createOrg(database.db, 'contoso');
});
afterAll(async () => {
  await suite?.close();
  await database?.drop();
});

const call = (path: string, key: string | undefined, input?: unknown) =>
  callIntegration(suite.url, path, key, input);

describe('X-Integration-Key on /<module>/integration', () => {
  it('answers 401 without a key, with a malformed one, an unknown one or a wrong secret', async () => {
    const key = await issueKey(database.db, northwind.id, ['crm:*']);
    const wrongSecret = `${key.slice(0, -4)}AAAA`;
    const unknown = `osk_0123456789abcdef_${'A'.repeat(43)}`;
    const missing = await call('pipeline.context', undefined);
    expect(missing.status).toBe(401);
    expect(missing.message).toMatch(/missing X-Integration-Key header/);
    expect((await call('pipeline.context', 'not-a-key')).message).toMatch(/is not an integration key/);
    for (const presented of [unknown, wrongSecret]) {
      const refused = await call('pipeline.context', presented);
      expect(refused.status).toBe(401);
      expect(refused.message).toMatch(/^unknown integration key/);
    }
  });

  it('resolves a valid key to its org and caller; exact and wildcard scopes both open a procedure', async () => {
    for (const scopes of [['crm:pipeline.context'], ['crm:pipeline.*'], ['crm:*']]) {
      const result = await call('pipeline.context', await issueKey(database.db, northwind.id, scopes));
      expect(result.status, result.text).toBe(200);
      expect(JSON.parse(result.text).result.data).toEqual({ orgId: northwind.id, caller: 'psa' });
    }
  });

  it('answers 403 naming the scope when the key lacks it', async () => {
    const key = await issueKey(database.db, northwind.id, ['crm:activity.list', 'crm:audit.*']);
    expect((await call('activity.list', key)).status).toBe(200);
    const refused = await call('pipeline.context', key);
    expect(refused.status).toBe(403);
    expect(refused.message).toContain('lacks scope crm:pipeline.context');
    expect(refused.message).toContain('it has crm:activity.list, crm:audit.*');
  });

  it("answers 404, not 403, for another org's row", async () => {
    await issueKey(database.db, contoso.id, ['crm:*']);
    const [contosoEntry] = await forOrg(database.db.app, contoso.id).transaction((tx) =>
      tx.auditLogEntry.findMany({ where: { action: 'integration_key.created' } }),
    );
    const id = contosoEntry?.id;
    const asNorthwind = await call('audit.entry', await issueKey(database.db, northwind.id, ['crm:*']), {
      id,
    });
    expect(asNorthwind.status).toBe(404);
    expect(asNorthwind.message).toBe(`audit entry ${id} not found`);
    const asContoso = await call('audit.entry', await issueKey(database.db, contoso.id, ['crm:*']), { id });
    expect(asContoso.status, asContoso.text).toBe(200);
    expect(JSON.parse(asContoso.text).result.data).toEqual({ id, action: 'integration_key.created' });
  });

  it('keeps the old key valid during the rotation overlap and refuses it after', async () => {
    const old = await issueKey(database.db, northwind.id, ['crm:*']);
    expect((await call('pipeline.context', old)).status).toBe(200);
    const tenant = forOrg(database.db.app, northwind.id);
    const [listed] = await listIntegrationKeys(tenant);
    const rotated = await rotateIntegrationKey(
      tenant,
      { id: listed?.id ?? '' },
      { overlapMs: 1_500, actor: 'test' },
    );
    expect((await call('pipeline.context', old)).status).toBe(200);
    expect((await call('pipeline.context', rotated.issued.key)).status).toBe(200);
    await within(5_000, async () => (await call('pipeline.context', old)).status === 401);
    expect((await call('pipeline.context', old)).message).toMatch(
      /expired at .*; use the key that replaced it/,
    );
    expect((await call('pipeline.context', rotated.issued.key)).status).toBe(200);
  });

  it('records when a key was last used, off the request path', async () => {
    const key = await issueKey(database.db, contoso.id, ['crm:*']);
    const tenant = forOrg(database.db.app, contoso.id);
    const [before] = await listIntegrationKeys(tenant);
    expect(before?.lastUsedAt).toBeNull();
    await call('pipeline.context', key);
    await within(5_000, async () => (await listIntegrationKeys(tenant))[0]?.lastUsedAt !== null);
  });

  it('never writes a key to logs, error bodies or the audit log', async () => {
    const key = await issueKey(database.db, northwind.id, ['crm:activity.list']);
    // The secret is the key's last 43 characters (base64url, which may itself contain `_`).
    const secret = key.slice(-43);
    const tenant = forOrg(database.db.app, northwind.id);
    const [summary] = await listIntegrationKeys(tenant);
    const bodies = [
      await call('activity.list', key),
      await call('pipeline.context', key),
      await call('pipeline.context', `${key}x`),
    ].map((result) => result.text);
    const { issued } = await rotateIntegrationKey(
      tenant,
      { id: summary?.id ?? '' },
      { overlapMs: 0, actor: 'test' },
    );
    await revokeIntegrationKey(tenant, { id: issued.summary.id }, 'test');
    bodies.push(
      (await call('pipeline.context', key)).text,
      (await call('pipeline.context', issued.key)).text,
    );
    // Whoever logs a request with its headers gets the key redacted.
    suite.log.info({ req: { headers: { 'x-integration-key': key } } }, 'request with headers');
    const audit = await tenant.transaction((tx) => tx.auditLogEntry.findMany());
    const logged = logs.text();
    expect(logged).toContain('incoming request');
    expect(logged).toContain('"x-integration-key":"[Redacted]"');
    for (const text of [logged, bodies.join('\n'), JSON.stringify(audit)]) {
      for (const secretPart of [secret, issued.key.slice(-43)]) expect(text).not.toContain(secretPart);
    }
  });
});

describe('calling another module with the client factory', () => {
  it('provisions a key per (org, caller, target) in single-process mode, calls over loopback, revokes it at close', async () => {
    const own = await startKeySuite(database.url, [crmTestModule, psaTestModule]);
    const client = own.integrations.client<typeof crmTestModule.integrationRouter>('crm', {
      orgId: contoso.id,
      caller: 'psa',
    });
    expect(await client.pipeline.context.query()).toEqual({ orgId: contoso.id, caller: 'psa' });
    expect(await client.activity.list.query()).toEqual(['called', 'emailed']);
    const provisioned = (await listIntegrationKeys(forOrg(database.db.app, contoso.id))).filter((key) =>
      key.label.includes('provisioned'),
    );
    expect(provisioned).toMatchObject([
      { caller: 'psa', target: 'crm', scopes: ['crm:*'], status: 'active' },
    ]);
    await own.close();
    const [after] = await listIntegrationKeys(forOrg(database.db.app, contoso.id));
    expect(after).toMatchObject({ id: provisioned[0]?.id, status: 'revoked' });
  });

  it("calls a module of another deployment at <MODULE>_API_URL with that org's configured key", async () => {
    const key = await issueKey(database.db, northwind.id, ['crm:pipeline.context']);
    const psaOnly = await startKeySuite(database.url, [psaTestModule], {
      CRM_API_URL: suite.url,
      CRM_INTEGRATION_KEY: `${northwind.id}=${key}`,
    });
    try {
      const crm = (orgId: string) =>
        psaOnly.integrations.client<typeof crmTestModule.integrationRouter>('crm', { orgId, caller: 'psa' });
      expect(await crm(northwind.id).pipeline.context.query()).toEqual({
        orgId: northwind.id,
        caller: 'psa',
      });
      await expect(crm(northwind.id).activity.list.query()).rejects.toThrow(/lacks scope crm:activity.list/);
      expect(() => crm(contoso.id)).toThrow(`CRM_INTEGRATION_KEY has no key for org ${contoso.id}`);
      expect(() => psaOnly.integrations.client('books', { orgId: northwind.id, caller: 'psa' })).toThrow(
        'books does not run in this process; set BOOKS_API_URL and BOOKS_INTEGRATION_KEY',
      );
    } finally {
      await psaOnly.close();
    }
  });
});
