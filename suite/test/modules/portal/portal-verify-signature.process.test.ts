import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPath, portalRequest } from '../../support/portal-client';
import {
  clientCompany,
  type PortalWorld,
  sharedQuote,
  signedInClient,
  startPortalWorld,
} from './portal-support';

// `suite portal verify-signature <id>` as an operator runs it: its own process against DATABASE_URL.
const BIN = fileURLToPath(new URL('../../../bin/suite.js', import.meta.url));
const HOST = 'verify-clients.portal.localhost';

let world: PortalWorld;
let requestId: string;

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function verifySignature(id: string): Promise<CliResult> {
  const { KAFKA_BROKERS: _transport, MODULES: _modules, ...env } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, 'portal', 'verify-signature', id],
      {
        env: { ...env, DATABASE_URL: world.sut.database.url, MIGRATE_ON_START: 'false', LOG_LEVEL: 'warn' },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** As a database administrator would, past the suite's roles (which may not update the trail). */
async function asAdmin(sql: string, values: unknown[]): Promise<void> {
  const admin = new pg.Client({ connectionString: world.sut.database.url });
  await admin.connect();
  try {
    await admin.query(sql, values);
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  world = await startPortalWorld();
  const portalId = (
    await world.staff.mutate<{ portalId: string }>('portals.create', {
      slug: 'verify-clients',
      name: 'Northwind IT',
    })
  ).data.portalId;
  const { companyId } = await clientCompany(world.staff, 'Acme Verify', 'buyer@acmeverify.test');
  expect(
    (await world.staff.mutate('users.invite', { portalId, email: 'buyer@acmeverify.test' })).status,
  ).toBe(200);
  const share = await sharedQuote(world.staff, portalId, companyId);
  requestId = (
    await world.staff.mutate<{ requestId: string }>('signatures.request', { shareId: share.shareId })
  ).data.requestId;
  const cookie = await signedInClient(world, HOST, 'buyer@acmeverify.test');
  const host = `${HOST}:${world.port}`;
  const url = world.sut.suite.url;
  expect(
    (await portalRequest(url, host, clientPath('signatures.open'), { cookie, body: { requestId } })).status,
  ).toBe(200);
  const signed = await portalRequest(url, host, clientPath('signatures.sign'), {
    cookie,
    body: { requestId, signerName: 'Ann Verify', consent: true },
  });
  expect(signed.status, signed.body).toBe(200);
});
afterAll(async () => world?.close());

describe('suite portal verify-signature', () => {
  it('says OK for an untouched signature, then names the row an administrator altered and exits 1', async () => {
    const whole = await verifySignature(requestId);
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stdout).toMatch(new RegExp(`^OK signature ${requestId}: 4 trail rows chain up$`, 'm'));
    expect(whole.stdout).toMatch(/^document SHA-256 [0-9a-f]{64}$/m);

    // The suite's own roles cannot rewrite the trail at all.
    await expect(
      world.sut.database.db.system.portalSignatureEvent.updateMany({
        where: { requestId },
        data: { ip: '10.0.0.9' },
      }),
    ).rejects.toThrow();

    await asAdmin(`UPDATE portal.signature_event SET ip = '10.0.0.9' WHERE request_id = $1 AND seq = 2`, [
      requestId,
    ]);
    const altered = await verifySignature(requestId);
    expect(altered.code).toBe(1);
    expect(altered.stdout).toContain(
      `BROKEN signature ${requestId}: row 2 (viewed): its content no longer matches its hash`,
    );
  });

  it('refuses an id that is not a request, naming it', async () => {
    const unknown = await verifySignature('00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no signature request 00000000-0000-4000-8000-000000000000');
    const bad = await verifySignature('nope');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('expected a signature request id');
  });
});
