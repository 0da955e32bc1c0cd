import { invalid } from '@suite/contracts';
import { PDFDocument } from 'pdf-lib';
import { PdfWriter } from '../shares/pdf-writer';
import { sha256Hex } from '../shares/share.service';
import type { ChainedRow } from './signature-chain';

const WIDTH = 100;

/** Long values (user agents, details) over several lines rather than cut at the page's edge. */
const wrapped = (text: string) => text.match(new RegExp(`.{1,${WIDTH}}`, 'g')) ?? [''];

export interface Certificate {
  readonly requestId: string;
  readonly title: string;
  readonly documentSha256: string;
  readonly signerName: string;
  readonly signedAt: Date;
  readonly trail: readonly ChainedRow[];
  /** The PNG the signer drew, shown under their name. */
  readonly drawnSignature?: Uint8Array;
}

/**
 * The signed PDF: the original's pages unchanged, then a certificate page carrying the whole audit
 * trail, the document's hash and the chain head, so the evidence travels with the document.
 */
export async function signedPdf(
  original: Uint8Array,
  certificate: Certificate,
): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.load(original);
  doc.setModificationDate(certificate.signedAt);
  const writer = await PdfWriter.on(doc);
  writer.line('Signature certificate', { bold: true, size: 16 });
  writer.line(`Document: ${certificate.title}`);
  writer.line(`Signature request: ${certificate.requestId}`);
  writer.line(`Document SHA-256: ${certificate.documentSha256}`);
  writer.line(`Signed by: ${certificate.signerName}`);
  writer.line(`Signed at: ${certificate.signedAt.toISOString()}`);
  if (certificate.drawnSignature) {
    writer.line(`Drawn signature (PNG SHA-256 ${sha256Hex(certificate.drawnSignature)}):`);
    const drawing = await doc.embedPng(certificate.drawnSignature).catch(() => {
      throw invalid(
        'drawnSignature: the drawing is not a readable PNG; draw it again or type your name',
        'drawnSignature',
      );
    });
    writer.image(drawing, 240, 80);
  } else writer.line('Signature: typed name');
  writer.gap();
  writer.line('Audit trail', { bold: true, size: 12 });
  writer.line("Each row's hash is the SHA-256 of the previous row's hash and the row's content.");
  for (const row of certificate.trail) {
    writer.gap();
    writer.line(`${row.seq}. ${row.step} at ${row.at.toISOString()}`, { bold: true });
    writer.line(`By: ${row.actorName} (${row.actor}), sign-in: ${row.signInMethod}`, { x: 12 });
    writer.line(`IP: ${row.ip}`, { x: 12 });
    for (const part of wrapped(`User agent: ${row.userAgent}`)) writer.line(part, { x: 12 });
    const detail = Object.entries(row.detail)
      .map(([key, value]) => `${key}=${value}`)
      .join('; ');
    for (const part of wrapped(`Detail: ${detail}`)) writer.line(part, { x: 12 });
    writer.line(`Previous hash: ${row.prevHash}`, { x: 12 });
    writer.line(`Row hash: ${row.hash}`, { x: 12 });
  }
  writer.gap();
  writer.line(`Chain head: ${certificate.trail.at(-1)?.hash ?? ''}`, { bold: true });
  writer.line(`Check it with: suite portal verify-signature ${certificate.requestId}`);
  return new Uint8Array(await doc.save({ useObjectStreams: false }));
}
