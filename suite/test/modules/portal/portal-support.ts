import type { EventDefinition, SuiteModule } from '@suite/contracts';
import { crmModule } from '@suite/crm';
import { forOrg } from '@suite/db';
import { portalModule } from '@suite/portal';
import { psaModule } from '@suite/psa';
import { toolsModule } from '@suite/tools';
import { connect, KEYS, startSendGridStandIn, testKeyring, type VendorStandIn } from '@suite/tools/testing';
import { expect } from 'vitest';
import { cookieOf, portalRequest } from '../../support/portal-client';
import type { StaffClient } from '../../support/staff-client';
import { CONTOSO, eventually, NORTHWIND, startTestSuite, type TestSuite } from '../../support/suite-fixture';
import { createCompany, createDeal } from '../crm/support/crm-data';

export interface PortalWorld {
  readonly sut: TestSuite;
  readonly mail: VendorStandIn;
  /** Olivia, Owner of Northwind, on the portal's staff API. */
  readonly staff: StaffClient;
  /** The port of the suite, for `<host>:<port>` Host headers. */
  readonly port: string;
  close(): Promise<void>;
}

interface Sent {
  readonly to: string;
  readonly subject?: string;
  readonly text?: string;
}

/**
 * The suite with CRM, PSA, the tool layer, the portal and `more` (Books), and SendGrid's stand-in as both
 * orgs' mail vendor.
 */
export async function startPortalWorld(
  observe: readonly EventDefinition[] = [],
  env: Record<string, string> = {},
  more: readonly SuiteModule[] = [],
): Promise<PortalWorld> {
  const { entries } = testKeyring();
  const mail = await startSendGridStandIn();
  const sut = await startTestSuite({
    modules: [crmModule, psaModule, toolsModule, portalModule, ...more],
    env: { VAULT_KEYS: entries.join(','), ...env },
    observe,
  });
  for (const orgId of [NORTHWIND, CONTOSO])
    await connect(
      forOrg(sut.database.db.app, orgId),
      'sendgrid',
      { apiKey: KEYS.sendgrid },
      { from: 'portal@msp.example', apiBaseUrl: mail.url },
    );
  const staff = await sut.staff('olivia@northwind.test', 'portal');
  return {
    sut,
    mail,
    staff,
    port: new URL(sut.suite.url).port,
    async close() {
      await sut.close();
      await mail.close();
    },
  };
}

/** The last email the mail vendor's stand-in accepted for this address. */
export function lastMailTo(mail: VendorStandIn, to: string): Sent {
  const sent = (mail.effects as Sent[]).filter((effect) => effect.to === to);
  const last = sent.at(-1);
  if (!last) throw new Error(`no email was sent to ${to}`);
  return last;
}

/** The sign-in token in a magic-link email (`…/sign-in/confirm#token=<token>`). */
export function tokenIn(email: Sent): string {
  const token = email.text?.match(/#token=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`no sign-in link in: ${email.text}`);
  return token;
}

/** A CRM client company with one contact, as a staff member makes it. */
export async function clientCompany(staff: StaffClient, name: string, email: string) {
  const crm = staff.on('crm');
  const company = await crm.mutate<{ id: string }>('companies.create', {
    name,
    domain: `${name.toLowerCase().replace(/\W+/g, '')}.test`,
  });
  const contact = await crm.mutate<{ id: string }>('contacts.create', {
    companyId: company.data.id,
    name: `${name} Buyer`,
    email,
  });
  const promoted = await crm.mutate('companies.promote', { companyId: company.data.id });
  if (promoted.status !== 200) throw new Error(`promote failed: ${promoted.body}`);
  return { companyId: company.data.id, contactId: contact.data.id };
}

/** A client of `portalHost` signed in through the emailed link; the session cookie to send. */
export async function signedInClient(world: PortalWorld, portalHost: string, email: string): Promise<string> {
  const host = `${portalHost}:${world.port}`;
  const url = world.sut.suite.url;
  const asked = await portalRequest(url, host, '/portal/sign-in/link', { body: { email } });
  if (asked.status !== 202) throw new Error(`sign-in link: ${asked.status} ${asked.body}`);
  const token = tokenIn(lastMailTo(world.mail, email));
  return cookieOf(await portalRequest(url, host, '/portal/sign-in/confirm', { body: { token } }));
}

export interface Share {
  readonly shareId: string;
  readonly sha256: string;
  readonly status: string;
}

/** A CRM quote for the company (on the deal when given), shared through the portal by staff. */
export async function sharedQuote(
  staff: StaffClient,
  portalId: string,
  companyId: string,
  dealId?: string,
): Promise<Share> {
  const quote = await staff.on('crm').mutate<{ quoteId: string }>('quotes.create', {
    companyId,
    ...(dealId && { dealId }),
    lines: [
      {
        serviceCode: 'M365-BASIC',
        description: 'Microsoft 365 Basic',
        quantity: 12,
        unitPrice: '6.00',
        recurring: true,
      },
    ],
    note: 'Includes onboarding.',
  });
  if (quote.status !== 200) throw new Error(`quote: ${quote.status} ${quote.body}`);
  const shared = await staff.mutate<Share>('shares.shareQuote', { portalId, quoteId: quote.data.quoteId });
  if (shared.status !== 200) throw new Error(`share: ${shared.status} ${shared.body}`);
  return shared.data;
}

export interface Invoice {
  readonly invoiceId: string;
  readonly number: string;
  readonly status: string;
  readonly outstanding: string;
}

/** Books' GL account for the `ONBOARD` item that `issuedInvoice` bills. */
export async function mapOnboardingIncome(staff: StaffClient): Promise<void> {
  const books = staff.on('books');
  const income = await books.ok<{ glAccountId: string }>('gl.createAccount', {
    code: '4100',
    name: 'Projects',
  });
  await books.ok('gl.mapItem', { itemCode: 'ONBOARD', glAccountId: income.glAccountId });
}

/** A finalized manual Books invoice of 480.25 USD, once Books has the company's billing account. */
export async function issuedInvoice(staff: StaffClient, companyId: string): Promise<Invoice> {
  const books = staff.on('books');
  const draft = await eventually('the billing account', async () => {
    const created = await books.mutate<Invoice>('invoices.create', {
      crmCompanyId: companyId,
      currency: 'USD',
      lines: [{ itemCode: 'ONBOARD', description: 'Onboarding', quantity: 1, unitPrice: '480.25' }],
      idempotencyKey: `portal-invoice-${companyId}`,
    });
    return created.status === 200 && created.data;
  });
  return books.ok<Invoice>('invoices.finalize', { invoiceId: draft.invoiceId });
}

/**
 * Flow 7 from the staff side: the company is promoted with the won deal (PSA gets its contract), staff
 * sign the contract in PSA, then amend it, so CRM asks the client to sign an addendum for revision 2.
 */
export async function amendedContract(
  staff: StaffClient,
  companyId: string,
  dealId: string,
): Promise<{ readonly contractId: string; readonly revision: number }> {
  await staff.on('crm').ok('companies.promote', { companyId, dealId });
  const psa = staff.on('psa');
  const client = await eventually('the PSA client', async () => {
    const clients = await psa.query<{ id: string; crmCompanyId: string }[]>('clients.list');
    return clients.data.find((candidate) => candidate.crmCompanyId === companyId);
  });
  const contract = await eventually('the contract of the won deal', async () => {
    const contracts = await psa.ok<{ id: string; crmDealId: string | null }[]>(
      'contracts.list',
      { clientId: client.id },
      'query',
    );
    return contracts.find((candidate) => candidate.crmDealId === dealId);
  });
  await psa.ok('contracts.sign', { contractId: contract.id });
  const amended = await psa.ok<{ revision: number }>('contracts.amend', {
    contractId: contract.id,
    changes: { terms: 'Backups are also copied offsite every night.' },
  });
  return { contractId: contract.id, revision: amended.revision };
}

/** A company with one contact and a won deal, promoted with it (PSA gets its contract), invited to the portal. */
export async function wonClient(staff: StaffClient, portalId: string, name: string, email: string) {
  const crm = staff.on('crm');
  const companyId = (await createCompany(crm, name, email.split('@')[1])).id;
  const { id: contactId } = await crm.ok<{ id: string }>('contacts.create', {
    companyId,
    name: `${name} Buyer`,
    email,
  });
  const { dealId } = await createDeal(crm, companyId);
  await crm.ok('deals.markWon', { dealId });
  await crm.ok('companies.promote', { companyId, dealId });
  await staff.ok('users.invite', { portalId, email });
  return { companyId, contactId, dealId };
}

/**
 * What follows `portal.document.signed` of an addendum, whichever way it was signed: CRM's e-sign request
 * completed, PSA's revision signed by the client's contact and `psa.contract.signed` (flow 8), returned.
 */
export async function addendumSignedDownstream(
  world: PortalWorld,
  documentSigned: { readonly data: Record<string, unknown> },
  contract: { readonly contractId: string; readonly revision: number },
  contactId: string,
) {
  await eventually('the CRM e-sign request complete', async () => {
    const request = await world.sut.database.db.system.crmEsignRequest.findUnique({
      where: { id: String(documentSigned.data.esignRequestId) },
    });
    return request?.status === 'completed';
  });
  const contractSigned = await eventually('psa.contract.signed for the addendum', async () =>
    world.sut.received.find(
      (event) =>
        event.type === 'psa.contract.signed' &&
        event.data.contractId === contract.contractId &&
        event.data.signedAt === documentSigned.data.signedAt,
    ),
  );
  expect(
    await world.sut.database.db.system.psaContract.findUniqueOrThrow({ where: { id: contract.contractId } }),
  ).toMatchObject({ revision: contract.revision, status: 'signed', signedBy: `crm-contact:${contactId}` });
  return contractSigned;
}
