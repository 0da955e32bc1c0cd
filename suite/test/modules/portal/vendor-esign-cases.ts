import { forOrg, type OrgScope } from '@suite/db';
import {
  connect,
  connectOAuth,
  docusignDelivery,
  dropboxSignDelivery,
  envelopeCompleted,
  KEYS,
  type SignedDelivery,
  saveWebhookSecret,
  startDocuSignStandIn,
  startDropboxSignStandIn,
  type VendorStandIn,
} from '@suite/tools/testing';
import { expect } from 'vitest';
import { eventually, NORTHWIND } from '../../support/suite-fixture';
import { amendedContract, type PortalWorld, wonClient } from './portal-support';

/** What an e-signature vendor's stand-in recorded of one `send_contract`. */
export interface SentAddendum {
  readonly envelopeId: string;
  readonly signer: string;
  readonly reference: string;
  readonly file: Buffer;
}

/**
 * One org's e-signature vendor as the portal's tests drive it: its stand-in, its connection and the
 * callbacks it makes when the addendum is signed (signed with its real scheme, or with another key).
 */
export interface VendorEsignCase {
  readonly provider: 'dropbox-sign' | 'docusign';
  readonly name: string;
  start(): Promise<VendorStandIn>;
  /** Connects the vendor for the org; the URL its signed callbacks reach the tool layer at. */
  connect(org: OrgScope, standIn: VendorStandIn): Promise<string>;
  sent(effect: Record<string, unknown>): SentAddendum;
  /** The vendor's callback that every signer has signed, at `second` (seconds), or signed with `key`. */
  signedCallback(sent: SentAddendum, second: number, key?: string): Promise<SignedDelivery>;
  /** How many `tools.contract.signed` its repeated and second callbacks make (the vendor's event ids). */
  readonly distinctSignedEvents: number;
}

/** The tests run `portal.vendor-signed-files` themselves: the scheduler's minute would race their steps. */
export const JOBS_OFF = { JOBS_ENABLED: 'false' };

const DOCUSIGN_CONNECT_KEY = 'docusign-connect-hmac-key-portal-000001';

export const VENDOR_ESIGN_CASES: readonly VendorEsignCase[] = [
  {
    provider: 'dropbox-sign',
    name: 'Dropbox Sign',
    start: startDropboxSignStandIn,
    async connect(org, standIn) {
      const { connectionId } = await connect(
        org,
        'dropbox-sign',
        { apiKey: KEYS.dropboxSign },
        { apiBaseUrl: standIn.url },
      );
      return `/tools/webhooks/dropbox-sign/${connectionId}`;
    },
    sent: (effect) => ({ ...effect, envelopeId: String(effect.signatureRequestId) }) as SentAddendum,
    // Signed with the account's API key; each event (one per app and account callback) has its own time.
    signedCallback: (sent, second, key = KEYS.dropboxSign) =>
      dropboxSignDelivery(
        key,
        'signature_request_all_signed',
        sent.envelopeId,
        String(second),
        sent.reference,
      ),
    distinctSignedEvents: 2,
  },
  {
    provider: 'docusign',
    name: 'DocuSign',
    start: startDocuSignStandIn,
    async connect(org, standIn) {
      await connectOAuth(org, 'docusign', standIn.url, { accountId: '6f1e3c1a-1b2c-4d5e-8f90-123456789abc' });
      const { webhookUrl } = await org.transaction((tx) =>
        saveWebhookSecret(tx, { provider: 'docusign', signingSecret: DOCUSIGN_CONNECT_KEY }),
      );
      return webhookUrl;
    },
    sent: (effect) => effect as unknown as SentAddendum,
    // Connect with HMAC; a later message about the same envelope and recipient is the same event.
    signedCallback: async (sent, second, key = DOCUSIGN_CONNECT_KEY) =>
      docusignDelivery(
        [key],
        envelopeCompleted(sent.envelopeId, sent.reference, new Date(second * 1000).toISOString()),
      ),
    distinctSignedEvents: 1,
  },
];

/**
 * The vendor's stand-in, connected for Northwind and chosen for its contracts (an org may connect both);
 * the absolute URL of its signed webhook.
 */
export async function connectedVendor(world: PortalWorld, vendor: VendorEsignCase) {
  const standIn = await vendor.start();
  const webhookPath = await vendor.connect(forOrg(world.sut.database.db.app, NORTHWIND), standIn);
  const tools = await world.sut.staff('olivia@northwind.test', 'tools');
  await tools.ok('connections.chooseVendor', { tool: 'send_contract', provider: vendor.provider });
  return { standIn, webhookUrl: `${world.sut.suite.url}${webhookPath}` };
}

/**
 * Flow 7 on a portal routed to the vendor: a won client of `email` invited to the portal `slug`, its
 * contract amended, and the addendum CRM asked for as the vendor received it.
 */
export async function addendumAtVendor(
  world: PortalWorld,
  vendor: VendorEsignCase,
  standIn: VendorStandIn,
  { slug, email }: { readonly slug: string; readonly email: string },
) {
  const { staff } = world;
  const portal = await staff.ok<{ portalId: string; esignRoute: string }>('portals.create', {
    slug,
    name: 'Vendor-signing MSP',
    features: ['esign'],
    esignRoute: 'send_contract',
  });
  const client = await wonClient(staff, portal.portalId, `${vendor.name} ${slug}`, email);
  const contract = await amendedContract(staff, client.companyId, client.dealId);
  const requested = await eventually('crm.esign.requested', async () =>
    world.sut.received.find(
      (event) => event.type === 'crm.esign.requested' && event.data.contractId === contract.contractId,
    ),
  );
  const esignRequestId = String(requested.data.esignRequestId);
  const sent = await eventually(`the addendum at ${vendor.name}`, async () =>
    (standIn.effects as Record<string, unknown>[])
      .map((effect) => vendor.sent(effect))
      .find((effect) => effect.reference === `crm-esign:${esignRequestId}`),
  );
  return { portal, ...client, contract, esignRequestId, sent };
}

/** Posts a vendor's callback to the tool layer's webhook; its HTTP status. */
export async function deliver(webhookUrl: string, delivery: SignedDelivery): Promise<number> {
  const answer = await fetch(webhookUrl, { method: 'POST', headers: delivery.headers, body: delivery.body });
  return answer.status;
}

/** An addendum sent to `vendor` and signed there: the share signed, its file not fetched yet. */
export async function signedAtVendor(world: PortalWorld, vendor: VendorEsignCase, slug: string) {
  const { standIn, webhookUrl } = await connectedVendor(world, vendor);
  const flow = await addendumAtVendor(world, vendor, standIn, { slug, email: `buyer@${slug}.test` });
  expect(
    await deliver(webhookUrl, await vendor.signedCallback(flow.sent, Math.floor(Date.now() / 1000))),
  ).toBe(200);
  const share = await eventually('the addendum signed at the vendor', () =>
    world.sut.database.db.system.portalShare.findFirst({
      where: {
        kind: 'document',
        sourceId: flow.esignRequestId,
        status: 'signed',
        vendorEnvelopeId: { not: null },
      },
    }),
  );
  return { ...flow, standIn, share };
}
