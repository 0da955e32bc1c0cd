import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageLines } from '../../support/pdf-text';
import { clientPath, portalRequest } from '../../support/portal-client';
import { eventually } from '../../support/suite-fixture';
import { drawnSignaturePng } from './drawn-signature';
import {
  clientCompany,
  type PortalWorld,
  type Share,
  sharedQuote,
  signedInClient,
  startPortalWorld,
} from './portal-support';

let world: PortalWorld;
let url: string;
let portalId: string;
const HOST = 'esign-clients.portal.localhost';
const host = () => `${HOST}:${world.port}`;
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) EsignTest/1.0';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface TrailRow {
  seq: number;
  step: string;
  actor: string;
  actorName: string;
  signInMethod: string;
  ip: string;
  userAgent: string;
  at: string;
  detail: Record<string, string>;
  prevHash: string;
  hash: string;
}
interface Signature {
  requestId: string;
  shareId: string;
  status: string;
  documentSha256: string;
  chainHead: string;
  signerName: string | null;
  signedSha256: string | null;
  trail: TrailRow[];
}

const call = (procedure: string, cookie: string, input?: unknown) =>
  portalRequest(url, host(), clientPath(procedure), {
    cookie,
    headers: { 'user-agent': BROWSER },
    ...(input !== undefined && { body: input }),
  });
const data = <T>(answer: { json<U>(): U }) => answer.json<{ result: { data: T } }>().result.data;
const fieldOf = (answer: { json<U>(): U }) =>
  answer.json<{ error: { data: { field?: string } } }>().error.data.field;

async function requestSignature(share: Share): Promise<Signature> {
  const asked = await world.staff.mutate<Signature>('signatures.request', { shareId: share.shareId });
  expect(asked.status, asked.body).toBe(200);
  return asked.data;
}

let acme: { share: Share; cookie: string; signature: Signature };
let globex: { cookie: string };

beforeAll(async () => {
  world = await startPortalWorld();
  url = world.sut.suite.url;
  portalId = (
    await world.staff.mutate<{ portalId: string }>('portals.create', {
      slug: 'esign-clients',
      name: 'Northwind IT',
    })
  ).data.portalId;
  const a = await clientCompany(world.staff, 'Acme Esign', 'buyer@acmeesign.test');
  await clientCompany(world.staff, 'Globex Esign', 'buyer@globexesign.test');
  for (const email of ['buyer@acmeesign.test', 'buyer@globexesign.test'])
    expect((await world.staff.mutate('users.invite', { portalId, email })).status).toBe(200);
  const share = await sharedQuote(world.staff, portalId, a.companyId);
  acme = {
    share,
    cookie: await signedInClient(world, HOST, 'buyer@acmeesign.test'),
    signature: await requestSignature(share),
  };
  globex = { cookie: await signedInClient(world, HOST, 'buyer@globexesign.test') };
});
afterAll(async () => world?.close());

describe('e-signature in the portal', () => {
  it('fixes the SHA-256 of the exact PDF bytes when signing is requested, as the first trail row', async () => {
    const stored = await world.sut.database.db.system.portalShare.findUniqueOrThrow({
      where: { id: acme.share.shareId },
    });
    expect(acme.signature.documentSha256).toBe(sha256(stored.pdf));
    expect(acme.signature.status).toBe('pending');
    expect(acme.signature.trail).toHaveLength(1);
    expect(acme.signature.trail[0]).toMatchObject({
      seq: 1,
      step: 'created',
      actorName: 'Olivia Owner <olivia@northwind.test>',
      signInMethod: 'hub',
      prevHash: '0'.repeat(64),
      detail: { documentSha256: acme.signature.documentSha256 },
    });
    expect(acme.signature.chainHead).toBe(acme.signature.trail[0]?.hash);
    const again = await requestSignature(acme.share);
    expect(again.requestId).toBe(acme.signature.requestId);
  });

  it("keeps company B's client away from company A's signature request, by list and by id", async () => {
    expect(data<Signature[]>(await call('signatures.list', globex.cookie))).toEqual([]);
    const open = await call('signatures.open', globex.cookie, { requestId: acme.signature.requestId });
    expect(open.status).toBe(404);
    expect(open.body).not.toContain('Acme');
    const sign = await call('signatures.sign', globex.cookie, {
      requestId: acme.signature.requestId,
      signerName: 'Mallory',
      consent: true,
    });
    expect(sign.status).toBe(404);
    const rows = await world.sut.database.db.system.portalSignatureEvent.count({
      where: { requestId: acme.signature.requestId },
    });
    expect(rows).toBe(1);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const { requestId } = acme.signature;
    const noConsent = await call('signatures.sign', acme.cookie, {
      requestId,
      signerName: 'Ann',
      consent: false,
    });
    expect(noConsent.status).toBe(400);
    expect(fieldOf(noConsent)).toBe('consent');
    expect(noConsent.body).toContain('tick the box');
    const noName = await call('signatures.sign', acme.cookie, { requestId, signerName: '  ', consent: true });
    expect(noName.status).toBe(400);
    expect(fieldOf(noName)).toBe('signerName');
    const badId = await call('signatures.open', acme.cookie, { requestId: 'quote-1' });
    expect(badId.status).toBe(400);
    expect(fieldOf(badId)).toBe('requestId');
    const staffBadId = await world.staff.mutate('signatures.request', { shareId: 42 });
    expect(staffBadId.status).toBe(400);
  });

  it('signs: view, consent and signature are chained rows with signer, IP and user agent', async () => {
    const { requestId } = acme.signature;
    const opened = await call('signatures.open', acme.cookie, { requestId });
    expect(opened.status, opened.body).toBe(200);
    const signed = await call('signatures.sign', acme.cookie, {
      requestId,
      signerName: 'Ann Acme',
      consent: true,
    });
    expect(signed.status, signed.body).toBe(200);
    const view = data<Signature>(signed);
    expect(view.status).toBe('signed');
    expect(view.signerName).toBe('Ann Acme');
    expect(view.trail.map((row) => row.step)).toEqual(['created', 'viewed', 'consented', 'signed']);
    for (const row of view.trail.slice(1))
      expect(row).toMatchObject({
        actorName: 'Acme Esign Buyer <buyer@acmeesign.test>',
        signInMethod: 'magic_link',
        ip: '127.0.0.1',
        userAgent: BROWSER,
      });
    for (const [index, row] of view.trail.entries())
      expect(row.prevHash).toBe(index === 0 ? '0'.repeat(64) : view.trail[index - 1]?.hash);
    expect(view.trail[3]?.detail).toEqual({
      documentSha256: view.documentSha256,
      signerName: 'Ann Acme',
      signatureMethod: 'typed',
    });
    expect(view.chainHead).toBe(view.trail[3]?.hash);

    const again = await call('signatures.sign', acme.cookie, { requestId, signerName: 'Ann', consent: true });
    expect(again.status).toBe(409);
    expect(again.body).toContain('signed already');
    const reopened = data<Signature>(await call('signatures.open', acme.cookie, { requestId }));
    expect(reopened.trail).toHaveLength(4);
  });

  it('serves the signed PDF to the client and to staff: the original pages and a certificate page that carries the trail', async () => {
    const { requestId } = acme.signature;
    const view = (await world.staff.query<Signature>('signatures.get', { requestId })).data;
    const rows = await world.sut.database.db.system.portalSignatureEvent.findMany({
      where: { requestId },
      orderBy: { seq: 'asc' },
    });

    const download = await world.staff.query<{ sha256: string; pdfBase64: string }>('signatures.download', {
      requestId,
    });
    expect(download.status, download.body).toBe(200);
    const signedPdf = Buffer.from(download.data.pdfBase64, 'base64');
    expect(sha256(signedPdf)).toBe(download.data.sha256);
    expect(download.data.sha256).toBe(view.signedSha256);

    const client = await portalRequest(url, host(), `/documents/${acme.share.shareId}`, {
      cookie: acme.cookie,
    });
    expect(client.status).toBe(200);
    expect(client.headers['x-content-sha256']).toBe(view.signedSha256);

    const original = await world.sut.database.db.system.portalShare.findUniqueOrThrow({
      where: { id: acme.share.shareId },
    });
    const originalPages = await pdfPageLines(original.pdf);
    const pages = await pdfPageLines(signedPdf);
    expect(pages.slice(0, originalPages.length)).toEqual(originalPages);
    const certificate = pages.slice(originalPages.length).flat();
    expect(certificate[0]).toBe('Signature certificate');
    expect(certificate).toContain(`Document SHA-256: ${sha256(original.pdf)}`);
    expect(certificate).toContain('Signed by: Ann Acme');
    expect(certificate).toContain('Signature: typed name');
    expect(certificate).toContain(`Chain head: ${rows.at(-1)?.hash}`);
    // Every stored row, in order, with each value it records.
    let from = 0;
    for (const row of rows) {
      const heading = certificate.indexOf(`${row.seq}. ${row.step} at ${row.at.toISOString()}`, from);
      expect(heading, `row ${row.seq} on the certificate`).toBeGreaterThan(from);
      const block = certificate.slice(heading, heading + 8).join('\n');
      expect(block).toContain(`By: ${row.actorName} (${row.actor}), sign-in: ${row.signInMethod}`);
      expect(block).toContain(`IP: ${row.ip}`);
      expect(block).toContain(`User agent: ${row.userAgent}`);
      expect(block).toContain(`Previous hash: ${row.prevHash}`);
      expect(block).toContain(`Row hash: ${row.hash}`);
      from = heading;
    }
    expect(certificate.filter((line) => line.startsWith('Row hash: '))).toHaveLength(rows.length);
  });

  it('refuses to sign a document whose bytes changed after signing was requested, naming both hashes', async () => {
    const companyId = (
      await world.sut.database.db.system.portalShare.findUniqueOrThrow({ where: { id: acme.share.shareId } })
    ).companyId;
    const share = await sharedQuote(world.staff, portalId, companyId);
    const signature = await requestSignature(share);
    const admin = new pg.Client({ connectionString: world.sut.database.url });
    await admin.connect();
    try {
      await admin.query(`UPDATE portal.share SET pdf = pdf || '\\x0a'::bytea WHERE id = $1`, [share.shareId]);
    } finally {
      await admin.end();
    }
    const changed = await world.sut.database.db.system.portalShare.findUniqueOrThrow({
      where: { id: share.shareId },
    });
    const refused = await call('signatures.sign', acme.cookie, {
      requestId: signature.requestId,
      signerName: 'Ann Acme',
      consent: true,
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(`SHA-256 then ${signature.documentSha256}, now ${sha256(changed.pdf)}`);
    const after = (await world.staff.query<Signature>('signatures.get', { requestId: signature.requestId }))
      .data;
    expect(after.status).toBe('pending');
    expect(after.trail.map((row) => row.step)).toEqual(['created']);
    // The client's list reads every request's trail in one query; each request gets its own.
    const listed = data<Signature[]>(await call('signatures.list', acme.cookie));
    expect(listed.length).toBeGreaterThan(1);
    for (const view of listed) expect(view.chainHead).toBe(view.trail.at(-1)?.hash);
    expect(listed.find((view) => view.requestId === signature.requestId)?.trail).toEqual(after.trail);
    const verified = await world.staff.query<{ ok: boolean; problem: string }>('signatures.verify', {
      requestId: signature.requestId,
    });
    expect(verified.data).toMatchObject({ ok: false });
    expect(verified.data.problem).toContain('the document is now SHA-256');
  });

  it('takes a drawn signature: its SHA-256 in the signed row, the image on the certificate, checked by verify', async () => {
    const companyId = (
      await world.sut.database.db.system.portalShare.findUniqueOrThrow({ where: { id: acme.share.shareId } })
    ).companyId;
    const { requestId } = await requestSignature(await sharedQuote(world.staff, portalId, companyId));
    const sign = (drawnSignature: string) =>
      call('signatures.sign', acme.cookie, {
        requestId,
        signerName: 'Ann Acme',
        consent: true,
        drawnSignature,
      });
    const notPng = await sign(Buffer.from('GIF89a not a signature').toString('base64'));
    expect(notPng.status).toBe(400);
    expect(fieldOf(notPng)).toBe('drawnSignature');
    expect(notPng.body).toContain('is not a PNG image');

    const png = drawnSignaturePng();
    const signed = await sign(`data:image/png;base64,${png.toString('base64')}`);
    expect(signed.status, signed.body).toBe(200);
    const view = data<Signature>(signed);
    expect(view.trail.at(-1)?.detail).toEqual({
      documentSha256: view.documentSha256,
      signerName: 'Ann Acme',
      signatureMethod: 'drawn',
      drawnSignatureSha256: sha256(png),
    });
    const stored = await world.sut.database.db.system.portalSignatureRequest.findUniqueOrThrow({
      where: { id: requestId },
    });
    expect(Buffer.from(stored.drawnSignature ?? [])).toEqual(png);

    const download = await world.staff.query<{ pdfBase64: string }>('signatures.download', { requestId });
    const signedPdf = Buffer.from(download.data.pdfBase64, 'base64');
    const certificate = (await pdfPageLines(signedPdf)).flat();
    expect(certificate).toContain(`Drawn signature (PNG SHA-256 ${sha256(png)}):`);
    expect(signedPdf.toString('latin1')).toMatch(/\/Subtype \/Image[\s\S]*\/Width 120/);
    const verify = () =>
      world.staff.query<{ ok: boolean; problem?: string }>('signatures.verify', { requestId });
    expect((await verify()).data).toMatchObject({ ok: true });

    const admin = new pg.Client({ connectionString: world.sut.database.url });
    await admin.connect();
    try {
      await admin.query('UPDATE portal.signature_request SET drawn_signature = $2 WHERE id = $1', [
        requestId,
        drawnSignaturePng(7),
      ]);
    } finally {
      await admin.end();
    }
    const broken = (await verify()).data;
    expect(broken).toMatchObject({ ok: false });
    expect(broken.problem).toContain(`not ${sha256(png)} as the signed row records`);
  });

  it('hides e-sign on a portal whose toggle is off', async () => {
    await world.staff.mutate('portals.update', { portalId, features: ['quotes'] });
    try {
      await eventually(
        'e-sign hidden',
        async () => (await call('signatures.list', acme.cookie)).status === 404,
      );
    } finally {
      await world.staff.mutate('portals.update', { portalId, features: ['quotes', 'esign'] });
      await eventually(
        'e-sign back',
        async () => (await call('signatures.list', acme.cookie)).status === 200,
      );
    }
  });
});
