// The reference Books attaches when it asks the tool layer to take a payment for an invoice (charge_card),
// and which the vendor's webhook hands back on `tools.payment.succeeded`: `books-invoice:<invoice id>`.

const PREFIX = 'books-invoice:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const invoicePaymentReference = (invoiceId: string) => `${PREFIX}${invoiceId}`;

/** The invoice a payment's reference names, or null when the reference is not one of Books'. */
export function invoiceOfReference(reference: string | null): string | null {
  if (!reference?.startsWith(PREFIX)) return null;
  const invoiceId = reference.slice(PREFIX.length);
  return UUID.test(invoiceId) ? invoiceId.toLowerCase() : null;
}
