import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib';

function streamBytes(stream: PDFRawStream): Buffer {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const raw = Buffer.from(stream.contents);
  return filter === PDFName.of('FlateDecode') ? inflateSync(raw) : raw;
}

/**
 * The text lines drawn on each page, read back from the PDF's content streams: pdf-lib draws the
 * standard fonts' text as hex strings shown with `Tj`, one per line, in WinAnsi (ASCII for our values).
 */
export async function pdfPageLines(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => doc.context.lookup(ref as PDFRef))
        : [contents];
    const text = streams
      .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
      .map((stream) => streamBytes(stream).toString('latin1'))
      .join('\n');
    return [...text.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)].map((match) =>
      Buffer.from(match[1] ?? '', 'hex').toString('latin1'),
    );
  });
}
