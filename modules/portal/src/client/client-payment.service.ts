import { conflict, found, invalid, unavailable } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import { booksClient } from '../books/books.client';
import type { PortalRecord } from '../portals/portal.view';
import type { PortalUserRecord } from '../sign-in/session.service';
import { toolsClient } from '../tools/tools.client';
import type {
  CheckoutInvoiceInput,
  InvoiceCheckoutView,
  InvoicePaymentView,
  PayInvoiceInput,
  PayNowView,
} from './client-payment.schema';
import { minorUnits } from './minor-units';

interface Client {
  readonly client: PortalUserRecord;
  readonly portal: PortalRecord;
  readonly integrations: IntegrationClients;
  /** Where the client reached the portal (`https://clients.example.com`): the checkout comes back there. */
  readonly origin: string;
}

interface ToolFailure {
  readonly error?: { readonly code?: string; readonly message?: string; readonly field?: string };
}

/** A tool layer that cannot be asked takes no payment either: Pay Now hides rather than failing the page. */
async function paymentsAvailable(
  { portal, integrations }: Client,
  tool: 'charge_card' | 'create_checkout',
): Promise<boolean> {
  const tools = toolsClient(integrations, portal.orgId);
  return tools.availability.query({ tool }).then(
    (answer) => answer.available,
    () => false,
  );
}

/** Whether the portal's invoices show Pay Now: only while the org's payment vendor offers a hosted checkout. */
export async function clientPayNow(
  _tx: OrgTransaction,
  _input: undefined,
  caller: Client,
): Promise<PayNowView> {
  return { payNow: await paymentsAvailable(caller, 'create_checkout') };
}

/** The client's own finalized invoice and what it still owes, in the currency's minor units. */
async function payableInvoice({ client, portal, integrations }: Client, invoiceId: string) {
  const invoices = await booksClient(integrations, portal.orgId).invoices.list.query({
    companyId: client.companyId,
  });
  const invoice = found(
    invoices.find((candidate) => candidate.invoiceId === invoiceId),
    `invoice ${invoiceId}`,
  );
  const amount = minorUnits(invoice.outstanding, invoice.currency);
  if (invoice.status !== 'finalized' || amount === 0)
    throw conflict(`invoiceId: invoice ${invoice.number} is ${invoice.status}, with nothing to pay`);
  if (amount === null)
    throw conflict(
      `invoiceId: invoice ${invoice.number} owes ${invoice.outstanding} ${invoice.currency}, finer than a card payment in ${invoice.currency} can be; ask ${portal.name}`,
    );
  return { invoice, amount };
}

const noPayments = ({ portal }: Client) =>
  conflict(`invoiceId: ${portal.name} takes no card payments here yet; pay as the invoice says, or ask them`);

const failed = (result: unknown) => {
  const error = (result as ToolFailure).error;
  return unavailable(
    `the payment could not be started (${error?.message ?? 'no reason given'}); nothing was charged, try again`,
  );
};

/**
 * Pay Now in the browser: a hosted checkout page of the org's payment vendor (Stripe Checkout) for the
 * invoice's outstanding amount, with the reference Books pays on (`books-invoice:<id>`, decision 0081)
 * and a key per invoice and attempt. The card is typed on the vendor's page, never on the portal's.
 */
export async function checkoutClientInvoice(
  _tx: OrgTransaction,
  input: CheckoutInvoiceInput,
  caller: Client,
): Promise<InvoiceCheckoutView> {
  const { client, portal, integrations, origin } = caller;
  if (!(await paymentsAvailable(caller, 'create_checkout'))) throw noPayments(caller);
  const { invoice, amount } = await payableInvoice(caller, input.invoiceId);
  const back = `${origin}/invoices`;
  const result = await toolsClient(integrations, portal.orgId).run.mutate({
    tool: 'create_checkout',
    input: {
      amount,
      currency: invoice.currency.toLowerCase(),
      description: `Invoice ${invoice.number}`,
      reference: `books-invoice:${invoice.invoiceId}`,
      success_url: `${back}?paid=${invoice.invoiceId}`,
      cancel_url: back,
      customer_email: client.email,
    },
    idempotencyKey: `portal-checkout:${invoice.invoiceId}:${input.attemptId}`,
  });
  if (!result.success) throw failed(result);
  return { invoiceId: invoice.invoiceId, checkoutUrl: String((result as { url?: string }).url) };
}

/**
 * Pay with a card token already made by the vendor's own card field (API callers): `charge_card` for
 * the outstanding amount, the same reference, and a key per invoice and attempt, so a second press of
 * the same attempt is the first charge, not another.
 */
export async function payClientInvoice(
  _tx: OrgTransaction,
  input: PayInvoiceInput,
  caller: Client,
): Promise<InvoicePaymentView> {
  const { portal, integrations } = caller;
  if (!(await paymentsAvailable(caller, 'charge_card'))) throw noPayments(caller);
  const { invoice, amount } = await payableInvoice(caller, input.invoiceId);
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
  throw failed(result);
}
