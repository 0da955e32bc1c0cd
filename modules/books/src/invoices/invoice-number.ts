/** How an invoice number reads: INV-000042 (the stored number is the integer). */
export const invoiceNumber = (number: number) => `INV-${String(number).padStart(6, '0')}`;
export const creditNoteNumber = (number: number) => `CN-${String(number).padStart(6, '0')}`;
