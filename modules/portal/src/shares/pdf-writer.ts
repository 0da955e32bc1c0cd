import { PDFDocument, type PDFFont, type PDFImage, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

const MARGIN = 56;
const LINE = 16;

/** WinAnsi is what the standard fonts can draw; anything else becomes `?` rather than failing. */
export const drawable = (value: string) => value.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

/** Lines of text top to bottom on pages added to `doc`, in the standard fonts, a new page when one fills. */
export class PdfWriter {
  #page: PDFPage;
  #y: number;
  private constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.#page = doc.addPage();
    this.#y = this.#page.getHeight() - MARGIN;
  }

  /** Starts writing on a new page at the end of `doc`. */
  static async on(doc: PDFDocument): Promise<PdfWriter> {
    return new PdfWriter(
      doc,
      await doc.embedFont(StandardFonts.Helvetica),
      await doc.embedFont(StandardFonts.HelveticaBold),
    );
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

  /** An image at most `maxWidth` by `maxHeight` points, its proportions kept, on the page if it fits. */
  image(image: PDFImage, maxWidth: number, maxHeight: number): void {
    const { width, height } = image.scaleToFit(maxWidth, maxHeight);
    if (this.#y - height < MARGIN) {
      this.#page = this.doc.addPage();
      this.#y = this.#page.getHeight() - MARGIN;
    }
    this.#page.drawImage(image, { x: MARGIN, y: this.#y - height, width, height });
    this.#y -= height + LINE / 2;
  }

  gap(): void {
    this.#y -= LINE / 2;
  }
}

/** Standard fonts and a fixed date make the document a function of its content alone. */
export async function openDocument(title: string, at: Date) {
  const doc = await PDFDocument.create();
  doc.setTitle(drawable(title));
  doc.setProducer('One Stack client portal');
  doc.setCreationDate(at);
  doc.setModificationDate(at);
  return { doc, writer: await PdfWriter.on(doc) };
}
