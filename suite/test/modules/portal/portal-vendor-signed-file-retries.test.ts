import { createHash } from 'node:crypto';
import { publishedEvents } from '@suite/bus/testing';
import { crmEsignRequested, portalDocumentSigned, psaContractSigned } from '@suite/contracts';
import { portalModule } from '@suite/portal';
import { vendorSignedPdf } from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModuleJob } from '../../support/module-job';
import { eventually } from '../../support/suite-fixture';
import { addendumSignedDownstream, type PortalWorld, startPortalWorld } from './portal-support';
import { JOBS_OFF, signedAtVendor, VENDOR_ESIGN_CASES, type VendorEsignCase } from './vendor-esign-cases';

let world: PortalWorld;

beforeAll(async () => {
  world = await startPortalWorld([crmEsignRequested, portalDocumentSigned, psaContractSigned], JOBS_OFF);
});
afterAll(() => world?.close());

const MINUTE = 60_000;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fetchAt = (start: number, minutes: number) =>
  runModuleJob(world.sut, portalModule, 'portal.vendor-signed-files', new Date(start + minutes * MINUTE));

interface ShareListed {
  readonly shareId: string;
  readonly vendor: string | null;
  readonly signedFile: {
    readonly state: string;
    readonly attempts: number;
    readonly lastError: string | null;
  } | null;
}

/** `portal.document.signed` of this e-sign request as written to the outbox: exactly what was published. */
const published = (esignRequestId: string) =>
  publishedEvents(world.sut.database.db, { type: 'portal.document.signed', aggregateId: esignRequestId });

const listed = async (portalId: string, shareId: string) =>
  (await world.staff.ok<ShareListed[]>('shares.list', { portalId }, 'query')).find(
    (share) => share.shareId === shareId,
  );

const [dropboxSign, docusign] = VENDOR_ESIGN_CASES as [VendorEsignCase, VendorEsignCase];

describe('the vendor’s signed PDF, fetched with back-off and given up on (decision 0157)', () => {
  it(`a vendor that keeps failing (${dropboxSign.name}): six attempts, then the signature is published once without the hash, staff see why and retry`, async () => {
    const { standIn, share, portal, contract, contactId, esignRequestId, sent } = await signedAtVendor(
      world,
      dropboxSign,
      'vendor-never-serves',
    );
    try {
      const start = Date.now();
      // Attempts at 0, 1, 3, 7 and 15 minutes fail; before each is due the vendor is not asked.
      for (const [due, early] of [
        [0, null],
        [1, 0.5],
        [3, 2],
        [7, 6],
        [15, 14],
      ] as const) {
        standIn.state.failNext = 503;
        if (early !== null) {
          expect(await fetchAt(start, early)).toMatch(
            /^0 vendor-signed PDF\(s\) stored, 0 to retry, 0 given up/,
          );
          expect(standIn.state.failNext).toBe(503);
        }
        expect(await fetchAt(start, due)).toMatch(/^0 vendor-signed PDF\(s\) stored, 1 to retry, 0 given up/);
      }
      expect(await published(esignRequestId)).toHaveLength(0);
      expect(await listed(portal.portalId, share.id)).toMatchObject({
        vendor: dropboxSign.provider,
        signedFile: { state: 'fetching', attempts: 5 },
      });

      // The sixth, 31 minutes in, is the last: CRM and PSA hear of the signature, without the file's hash.
      standIn.state.failNext = 503;
      expect(await fetchAt(start, 31)).toMatch(/^0 vendor-signed PDF\(s\) stored, 0 to retry, 1 given up/);
      const [event, ...more] = await published(esignRequestId);
      expect(more).toHaveLength(0);
      expect(event?.payload).toMatchObject({
        shareId: share.id,
        esignRequestId,
        signedSha256: null,
        documentSha256: share.sha256,
        signedVia: dropboxSign.provider,
      });
      const documentSigned = await eventually('portal.document.signed', async () =>
        world.sut.received.find((received) => received.id === event?.id),
      );
      await addendumSignedDownstream(world, documentSigned, contract, contactId);
      const gaveUp = await listed(portal.portalId, share.id);
      expect(gaveUp?.signedFile).toMatchObject({ state: 'gave up', attempts: 6 });
      expect(gaveUp?.signedFile?.lastError).toContain(sent.envelopeId);

      // The job asks no more; a staff retry while the vendor still fails answers 502 with its reason.
      standIn.state.failNext = 503;
      expect(await fetchAt(start, 120)).toMatch(/^0 vendor-signed PDF\(s\) stored, 0 to retry, 0 given up/);
      const refused = await world.staff.mutate('shares.retrySignedFile', { shareId: share.id });
      expect(refused.status).toBe(502);
      expect(refused.message).toContain(`the signed PDF of envelope ${sent.envelopeId} could not be fetched`);

      // Once the vendor serves it, staff's retry stores it; the signature is not published a second time.
      const retried = await world.staff.ok<ShareListed>('shares.retrySignedFile', { shareId: share.id });
      expect(retried.signedFile).toMatchObject({ state: 'stored' });
      const vendorPdf = vendorSignedPdf(sent.file, dropboxSign.name, sent.envelopeId);
      expect(
        await world.sut.database.db.system.portalShare.findUniqueOrThrow({ where: { id: share.id } }),
      ).toMatchObject({ signedSha256: sha256(vendorPdf) });
      expect(await published(esignRequestId)).toHaveLength(1);
    } finally {
      await standIn.close();
    }
  });

  it(`a vendor that recovers before the limit (${docusign.name}): the PDF is stored and published with its hash`, async () => {
    const { standIn, share, portal, esignRequestId, sent } = await signedAtVendor(
      world,
      docusign,
      'vendor-recovers',
    );
    try {
      const start = Date.now();
      for (const minutes of [0, 1, 3]) {
        standIn.state.failNext = 503;
        expect(await fetchAt(start, minutes)).toMatch(/1 to retry, 0 given up/);
      }
      expect(await fetchAt(start, 7)).toMatch(/^1 vendor-signed PDF\(s\) stored, 0 to retry, 0 given up/);
      const vendorPdf = vendorSignedPdf(sent.file, docusign.name, sent.envelopeId);
      const [event, ...more] = await published(esignRequestId);
      expect(more).toHaveLength(0);
      expect(event?.payload).toMatchObject({ shareId: share.id, signedSha256: sha256(vendorPdf) });
      expect((await listed(portal.portalId, share.id))?.signedFile).toMatchObject({
        state: 'stored',
        attempts: 3,
        lastError: null,
      });
      // A staff retry of a stored file changes nothing.
      await world.staff.ok('shares.retrySignedFile', { shareId: share.id });
      expect(await published(esignRequestId)).toHaveLength(1);
    } finally {
      await standIn.close();
    }
  });

  it('names an unknown share (404)', async () => {
    const unknown = await world.staff.mutate('shares.retrySignedFile', {
      shareId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown).toMatchObject({
      status: 404,
      message: 'share 00000000-0000-4000-8000-000000000000 not found',
    });
  });
});
