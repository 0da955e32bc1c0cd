import { openDocument } from './pdf-writer';
import type { QuoteSnapshot } from './share.schema';

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
