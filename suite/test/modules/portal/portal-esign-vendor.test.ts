import { createHash } from 'node:crypto';
import {
  crmEsignRequested,
  portalDocumentSigned,
  psaContractSigned,
  toolsContractSigned,
  toolsRunCompleted,
} from '@suite/contracts';
import { forOrg } from '@suite/db';
import { portalModule, verifyVendorSignature } from '@suite/portal';
import { vendorSignedPdf } from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModuleJob } from '../../support/module-job';
import { clientPath, portalRequest } from '../../support/portal-client';
import { eventually, NORTHWIND } from '../../support/suite-fixture';
import {
  addendumSignedDownstream,
  type PortalWorld,
  signedInClient,
  startPortalWorld,
} from './portal-support';
import {
  addendumAtVendor,
  connectedVendor,
  deliver,
  JOBS_OFF,
  VENDOR_ESIGN_CASES,
} from './vendor-esign-cases';

let world: PortalWorld;

beforeAll(async () => {
  world = await startPortalWorld(
    [crmEsignRequested, portalDocumentSigned, psaContractSigned, toolsContractSigned, toolsRunCompleted],
    JOBS_OFF,
  );
});
afterAll(() => world?.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fetchSignedFiles = (slot?: Date) =>
  runModuleJob(world.sut, portalModule, 'portal.vendor-signed-files', slot);

interface VendorDocument {
  readonly shareId: string;
  readonly status: string;
  readonly vendor: string | null;
  readonly signedSha256: string | null;
}

describe.each(VENDOR_ESIGN_CASES)('flow 7 through $name (portal e-sign route send_contract)', (vendor) => {
  const slug = `${vendor.provider}-addendum-clients`;
  const host = `${slug}.portal.localhost:`;
  const email = `buyer@${vendor.provider}-addendum.test`;
  let standIn: Awaited<ReturnType<typeof connectedVendor>>['standIn'];
  let webhookUrl: string;

  beforeAll(async () => {
    ({ standIn, webhookUrl } = await connectedVendor(world, vendor));
  });
  afterAll(() => standIn?.close());

  it('sends the addendum PDF, keeps the signature, fetches the signed PDF and then publishes its hash, once', async () => {
    const { portal, companyId, contactId, contract, esignRequestId, sent } = await addendumAtVendor(
      world,
      vendor,
      standIn,
      { slug, email },
    );
    expect(portal.esignRoute).toBe('send_contract');
    expect(sent).toMatchObject({ signer: email, reference: `crm-esign:${esignRequestId}` });
    const share = await world.sut.database.db.system.portalShare.findFirstOrThrow({
      where: { kind: 'document', sourceId: esignRequestId },
      include: { signature: true },
    });
    // The vendor got the very PDF the portal made, and the portal opened no signature of its own.
    expect(sha256(sent.file)).toBe(share.sha256);
    expect(share.signature).toBeNull();
    // The stand-in has the request before the tool layer has committed the call's row.
    const run = await eventually('the send_contract call recorded', () =>
      world.sut.database.db.system.toolsCall.findFirst({
        where: { tool: 'send_contract', provider: vendor.provider },
      }),
    );
    expect(run).toMatchObject({ result: { envelope_id: sent.envelopeId } });

    // The client sees it on Documents as sent through the vendor, with nothing to sign in the portal.
    const cookie = await signedInClient(world, `${slug}.portal.localhost`, email);
    const documents = async () => {
      const answer = await portalRequest(
        world.sut.suite.url,
        `${host}${world.port}`,
        clientPath('signatures.atVendor'),
        { cookie },
      );
      return answer.json<{ result: { data: VendorDocument[] } }>().result.data;
    };
    const signatures = await portalRequest(
      world.sut.suite.url,
      `${host}${world.port}`,
      clientPath('signatures.list'),
      { cookie },
    );
    expect(signatures.json<{ result: { data: unknown[] } }>().result.data).toEqual([]);
    await eventually(
      'the vendor named on Documents',
      async () => (await documents())[0]?.vendor === vendor.name,
    );
    expect(await documents()).toEqual([
      {
        shareId: share.id,
        title: share.title,
        status: 'sent',
        vendor: vendor.name,
        signedAt: null,
        signedSha256: null,
      },
    ]);

    // A callback signed with another key counts for nothing; the real one, repeated, and a second one later.
    const now = Math.floor(Date.now() / 1000);
    const forged = await vendor.signedCallback(sent, now, 'cd'.repeat(32));
    expect(await deliver(webhookUrl, forged)).toBe(401);
    const first = await vendor.signedCallback(sent, now);
    for (const delivery of [first, first, await vendor.signedCallback(sent, now + 1)])
      expect(await deliver(webhookUrl, delivery)).toBe(200);
    const vendorEvents = await eventually(`${vendor.name}'s signed events`, async () => {
      const events = world.sut.received.filter(
        (event) => event.type === 'tools.contract.signed' && event.data.envelopeId === sent.envelopeId,
      );
      return events.length === vendor.distinctSignedEvents && events;
    });
    const group = world.sut.modules
      .flatMap((module) => module.subscriptions)
      .find((subscription) => subscription.group.startsWith('portal.tools-sync.contract-signed'))?.group;
    for (const event of vendorEvents) await world.sut.handled(event.id, group);

    // The signature is kept while the vendor's file is not in: a failed fetch is retried, nothing published.
    const signedShare = () =>
      world.sut.database.db.system.portalShare.findUniqueOrThrow({ where: { id: share.id } });
    expect(await signedShare()).toMatchObject({
      status: 'signed',
      vendor: vendor.provider,
      vendorEnvelopeId: sent.envelopeId,
      signedPdf: null,
    });
    standIn.state.failNext = 503;
    expect(await fetchSignedFiles()).toMatch(/0 vendor-signed PDF\(s\) stored, 1 to retry/);
    expect(await signedShare()).toMatchObject({ status: 'signed', signedPdf: null });
    const signedEvents = () =>
      world.sut.received.filter(
        (event) => event.type === 'portal.document.signed' && event.data.shareId === share.id,
      );
    expect(signedEvents()).toHaveLength(0);

    // The next fetch waits a minute (decision 0157): now it is not due, two minutes on it is.
    expect(await fetchSignedFiles()).toMatch(/^0 vendor-signed PDF\(s\) stored, 0 to retry/);
    expect(await fetchSignedFiles(new Date(Date.now() + 120_000))).toMatch(
      /^1 vendor-signed PDF\(s\) stored, 0 to retry/,
    );
    const vendorPdf = vendorSignedPdf(sent.file, vendor.name, sent.envelopeId);
    const stored = await signedShare();
    expect(Buffer.from(stored.signedPdf ?? [])).toEqual(vendorPdf);
    expect(stored.signedSha256).toBe(sha256(vendorPdf));
    const documentSigned = await eventually('portal.document.signed', async () => signedEvents()[0]);
    expect(documentSigned.data).toMatchObject({
      shareId: share.id,
      esignRequestId,
      contractId: contract.contractId,
      revision: contract.revision,
      companyId,
      contactId,
      documentSha256: share.sha256,
      signedSha256: sha256(vendorPdf),
      signedVia: vendor.provider,
    });
    await addendumSignedDownstream(world, documentSigned, contract, contactId);

    // Fetching again changes nothing: one signature downstream, one envelope at the vendor.
    expect(await fetchSignedFiles()).toMatch(/^0 vendor-signed PDF\(s\) stored, 0 to retry/);
    expect(signedEvents()).toHaveLength(1);
    expect(standIn.effects).toHaveLength(1);

    // The client downloads the vendor's signed PDF like a portal-signed one; the operator can check its hash.
    const pdf = await portalRequest(world.sut.suite.url, `${host}${world.port}`, `/documents/${share.id}`, {
      cookie,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['x-content-sha256']).toBe(sha256(vendorPdf));
    expect(await documents()).toMatchObject([
      { status: 'signed', vendor: vendor.name, signedSha256: sha256(vendorPdf) },
    ]);
    const check = await forOrg(world.sut.database.db.app, NORTHWIND).transaction((tx) =>
      verifyVendorSignature(tx, share.id),
    );
    expect(check).toEqual({
      ok: true,
      vendor: vendor.provider,
      envelopeId: sent.envelopeId,
      documentSha256: share.sha256,
      signedSha256: sha256(vendorPdf),
    });
  });
});
