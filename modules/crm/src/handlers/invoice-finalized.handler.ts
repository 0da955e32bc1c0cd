import { defineSubscription } from '@suite/bus';
import { booksInvoiceFinalized } from '@suite/contracts';
import { recordActivity } from '../activity/activity.service';
import { companyOfEvent } from '../companies/company.service';

/** Books flow 3: a finalized invoice shows on its company's timeline. */
export const invoiceFinalizedSubscription = defineSubscription({
  group: 'crm.books-sync.invoice-finalized',
  types: [booksInvoiceFinalized],
  async handler(event, { tx }) {
    const { data } = event;
    const company = await companyOfEvent(tx, data.crmCompanyId, event.type);
    await recordActivity(tx, {
      companyId: company.id,
      kind: 'invoice.finalized',
      title: `Invoice ${data.number} issued: ${data.total} ${data.currency}, due ${data.dueOn}`,
      detail: {
        invoiceId: data.invoiceId,
        number: data.number,
        total: data.total,
        currency: data.currency,
        dueOn: data.dueOn,
      },
      occurredAt: new Date(data.finalizedAt),
      sourceKey: event.id,
    });
  },
});
