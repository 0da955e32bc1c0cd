import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { QuoteSnapshot } from './share.schema';

const MARGIN = 56;
const LINE = 16;

/** WinAnsi is what the standard fonts can draw; anything else becomes `?` rather than failing. */
const drawable = (value: string) => value.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

class Writer {
  #page: PDFPage;
  #y: number;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.#page = doc.addPage();
    this.#y = this.#page.getHeight() - MARGIN;
  }

  line(text: string, options: { bold?: boolean; size?: number; x?: number } = {}): void {
    if (this.#y < MARGIN) {
      this.#page = this.doc.addPage();
      this.#y = this.#page.getHeight() - MARGIN;
    }
    this.#page.drawText(drawable(text).slice(0, 110), {
      x: MARGIN + (options.x ?? 0),
      y: this.#y,
      size: options.size ?? 10,
      font: options.bold ? this.bold : this.font,
      color: rgb(0.1, 0.1, 0.12),
    });
    this.#y -= (options.size ?? 10) + 6;
  }

  gap(): void {
    this.#y -= LINE / 2;
  }
}

/** Standard fonts and a fixed date make the document a function of the snapshot alone. */
export async function openDocument(title: string, at: Date) {
  const doc = await PDFDocument.create();
  doc.setTitle(drawable(title));
  doc.setProducer('One Stack client portal');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  const writer = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );
  return { doc, writer };
}

/** The quote as the client receives it: company, lines, totals and the note, on A4-ish pages. */
export async function quotePdf(quote: QuoteSnapshot, portalName: string): Promise<Uint8Array<ArrayBuffer>> {
  const { doc, writer } = await openDocument(`Quote ${quote.number}`, new Date(quote.createdAt));
  writer.line(portalName, { bold: true, size: 16 });
  writer.line(`Quote ${quote.number} for ${quote.companyName}`, { size: 13 });
  writer.line(`Issued ${quote.createdAt.slice(0, 10)} - amounts in ${quote.currency}`);
  writer.gap();
  for (const line of quote.lines) {
    const sign = line.kind === 'discount' ? '-' : '';
    writer.line(`${line.quantity} x ${line.description} (${line.serviceCode})`, { bold: true });
    writer.line(`${sign}${line.unitPrice} each${line.recurring ? ', monthly' : ', once'}`, { x: 12 });
  }
  writer.gap();
  writer.line(`One-off total: ${quote.total} ${quote.currency}`, { bold: true });
  writer.line(`Monthly total: ${quote.recurringTotal} ${quote.currency}`, { bold: true });
  if (quote.note) {
    writer.gap();
    for (const part of quote.note.split('\n')) writer.line(part);
  }
  return new Uint8Array(await doc.save({ useObjectStreams: false }));
}
