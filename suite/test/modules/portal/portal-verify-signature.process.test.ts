import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { crmEsignRequested } from '@suite/contracts';
import { portalModule } from '@suite/portal';
import { vendorSignedPdf } from '@suite/tools/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModuleJob } from '../../support/module-job';
import { clientPath, portalRequest } from '../../support/portal-client';
import { eventually } from '../../support/suite-fixture';
import {
  clientCompany,
  type PortalWorld,
  sharedQuote,
  signedInClient,
  startPortalWorld,
} from './portal-support';
import {
  addendumAtVendor,
  connectedVendor,
  deliver,
  JOBS_OFF,
  VENDOR_ESIGN_CASES,
  type VendorEsignCase,
} from './vendor-esign-cases';

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
  world = await startPortalWorld([crmEsignRequested], JOBS_OFF);
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

  it('checks an addendum signed at the vendor by the hashes the suite holds, and names a changed file', async () => {
    const vendor = VENDOR_ESIGN_CASES[0] as VendorEsignCase;
    const { standIn, webhookUrl } = await connectedVendor(world, vendor);
    try {
      const { sent, esignRequestId } = await addendumAtVendor(world, vendor, standIn, {
        slug: 'verify-vendor-clients',
        email: 'buyer@verifyvendor.test',
      });
      const now = Math.floor(Date.now() / 1000);
      expect(await deliver(webhookUrl, await vendor.signedCallback(sent, now))).toBe(200);
      const share = await eventually('the addendum signed at the vendor', async () => {
        const found = await world.sut.database.db.system.portalShare.findFirst({
          where: { sourceId: esignRequestId, status: 'signed' },
        });
        return found ?? undefined;
      });
      const waiting = await verifySignature(share.id);
      expect(waiting.code).toBe(1);
      expect(waiting.stdout).toContain(`BROKEN document ${share.id}: the signed PDF is not fetched from`);

      await runModuleJob(world.sut, portalModule, 'portal.vendor-signed-files');
      const signedSha256 = createHash('sha256')
        .update(vendorSignedPdf(sent.file, vendor.name, sent.envelopeId))
        .digest('hex');
      const ok = await verifySignature(share.id);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain(
        `OK document ${share.id}: signed at ${vendor.provider} (envelope ${sent.envelopeId}); its audit trail is the vendor's`,
      );
      expect(ok.stdout).toContain(`document SHA-256 ${share.sha256}`);
      expect(ok.stdout).toContain(`vendor's signed PDF SHA-256 ${signedSha256}, as stored when fetched`);

      await asAdmin(`UPDATE portal.share SET signed_pdf = signed_pdf || '\\x0a'::bytea WHERE id = $1`, [
        share.id,
      ]);
      const broken = await verifySignature(share.id);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(
        new RegExp(
          `^BROKEN document ${share.id}: the vendor's signed PDF is SHA-256 [0-9a-f]{64}, not ${signedSha256} as stored$`,
          'm',
        ),
      );
    } finally {
      await standIn.close();
    }
  });

  it('refuses an id that is not a request, naming it', async () => {
    const unknown = await verifySignature('00000000-0000-4000-8000-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'no signature request or addendum sent to a vendor 00000000-0000-4000-8000-000000000000',
    );
    const bad = await verifySignature('nope');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('expected a signature request id');
  });
});
