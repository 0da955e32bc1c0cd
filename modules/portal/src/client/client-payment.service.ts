import { conflict, found, invalid, unavailable } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import { booksClient } from '../books/books.client';
import type { PortalRecord } from '../portals/portal.view';
import type { PortalUserRecord } from '../sign-in/session.service';
import { toolsClient } from '../tools/tools.client';
import type { InvoicePaymentView, PayInvoiceInput, PayNowView } from './client-payment.schema';
import { minorUnits } from './minor-units';

interface Client {
  readonly client: PortalUserRecord;
  readonly portal: PortalRecord;
  readonly integrations: IntegrationClients;
}

interface ToolFailure {
  readonly error?: { readonly code?: string; readonly message?: string; readonly field?: string };
}

/** A tool layer that cannot be asked takes no payment either: Pay Now hides rather than failing the page. */
async function cardPaymentsAvailable({ portal, integrations }: Client): Promise<boolean> {
  const tools = toolsClient(integrations, portal.orgId);
  return tools.availability.query({ tool: 'charge_card' }).then(
    (answer) => answer.available,
    () => false,
  );
}

/** Whether the portal's invoices show Pay Now: only while the org has a payment vendor connected. */
export async function clientPayNow(
  _tx: OrgTransaction,
  _input: undefined,
  caller: Client,
): Promise<PayNowView> {
  return { payNow: await cardPaymentsAvailable(caller) };
}

/**
 * Pay Now: the invoice's outstanding amount through the tool layer's `charge_card`, with the reference
 * Books pays on (`books-invoice:<id>`, decision 0081) and a key per invoice and attempt, so a second
 * press of the same attempt is the first charge, not another.
 */
export async function payClientInvoice(
  _tx: OrgTransaction,
  input: PayInvoiceInput,
  caller: Client,
): Promise<InvoicePaymentView> {
  const { client, portal, integrations } = caller;
  if (!(await cardPaymentsAvailable(caller)))
    throw conflict(
      `invoiceId: ${portal.name} takes no card payments here yet; pay as the invoice says, or ask them`,
    );
  const invoices = await booksClient(integrations, portal.orgId).invoices.list.query({
    companyId: client.companyId,
  });
  const invoice = found(
    invoices.find((candidate) => candidate.invoiceId === input.invoiceId),
    `invoice ${input.invoiceId}`,
  );
  const amount = minorUnits(invoice.outstanding, invoice.currency);
  if (invoice.status !== 'finalized' || amount === 0)
    throw conflict(`invoiceId: invoice ${invoice.number} is ${invoice.status}, with nothing to pay`);
  if (amount === null)
    throw conflict(
      `invoiceId: invoice ${invoice.number} owes ${invoice.outstanding} ${invoice.currency}, finer than a card payment in ${invoice.currency} can be; ask ${portal.name}`,
    );
  const result = await toolsClient(integrations, portal.orgId).run.mutate({
    tool: 'charge_card',
    input: {
      amount,
      currency: invoice.currency.toLowerCase(),
      payment_method: input.paymentMethod,
      description: `Invoice ${invoice.number}`,
      reference: `books-invoice:${invoice.invoiceId}`,
    },
    idempotencyKey: `portal-pay:${invoice.invoiceId}:${input.attemptId}`,
  });
  if (result.success) {
    const charge = result as { charge_id?: string; status?: string };
    return {
      invoiceId: invoice.invoiceId,
      chargeId: String(charge.charge_id),
      status: String(charge.status),
    };
  }
  const error = (result as ToolFailure).error;
  if (error?.field === 'payment_method')
    throw invalid(
      `paymentMethod: ${error.message ?? 'the card was refused'}; try another card`,
      'paymentMethod',
    );
  throw unavailable(
    `the payment could not be taken (${error?.message ?? 'no reason given'}); nothing was charged, try again`,
  );
}
