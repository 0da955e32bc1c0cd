import { createHash } from 'node:crypto';
import {
  crmEsignRequested,
  portalDocumentSigned,
  psaContractSigned,
  toolsContractSigned,
} from '@suite/contracts';
import { forOrg } from '@suite/db';
import {
  connect,
  dropboxSignDelivery,
  KEYS,
  startDropboxSignStandIn,
  type VendorStandIn,
} from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, NORTHWIND } from '../../support/suite-fixture';
import {
  addendumSignedDownstream,
  amendedContract,
  type PortalWorld,
  startPortalWorld,
  wonClient,
} from './portal-support';

let world: PortalWorld;
let dropboxSign: VendorStandIn;
let webhookUrl: string;
const EMAIL = 'buyer@vendoraddendum.test';

interface SentAddendum {
  readonly signatureRequestId: string;
  readonly signer: string;
  readonly reference: string;
  readonly file: Buffer;
}

beforeAll(async () => {
  dropboxSign = await startDropboxSignStandIn();
  world = await startPortalWorld([
    crmEsignRequested,
    portalDocumentSigned,
    psaContractSigned,
    toolsContractSigned,
  ]);
  // Northwind signs contracts with Dropbox Sign, whose callbacks reach the tool layer's webhook.
  const { connectionId } = await connect(
    forOrg(world.sut.database.db.app, NORTHWIND),
    'dropbox-sign',
    { apiKey: KEYS.dropboxSign },
    { apiBaseUrl: dropboxSign.url },
  );
  webhookUrl = `${world.sut.suite.url}/tools/webhooks/dropbox-sign/${connectionId}`;
});
afterAll(async () => {
  await world?.close();
  await dropboxSign?.close();
});

describe('flow 7 through the org’s e-signature vendor (portal e-sign route send_contract)', () => {
  it('sends the addendum PDF through send_contract; the vendor’s signed callback ends in the portal path’s events, once', async () => {
    const portal = await world.staff.ok<{ portalId: string; esignRoute: string }>('portals.create', {
      slug: 'vendor-addendum-clients',
      name: 'Northwind IT',
      features: ['esign'],
      esignRoute: 'send_contract',
    });
    expect(portal.esignRoute).toBe('send_contract');
    const { companyId, contactId, dealId } = await wonClient(
      world.staff,
      portal.portalId,
      'Vendor Addendum',
      EMAIL,
    );
    const contract = await amendedContract(world.staff, companyId, dealId);

    const requested = await eventually('crm.esign.requested', async () =>
      world.sut.received.find(
        (event) => event.type === 'crm.esign.requested' && event.data.contractId === contract.contractId,
      ),
    );
    const esignRequestId = String(requested.data.esignRequestId);
    const sent = await eventually(
      'the addendum at Dropbox Sign',
      async () => (dropboxSign.effects as SentAddendum[])[0],
    );
    expect(sent).toMatchObject({ signer: EMAIL, reference: `crm-esign:${esignRequestId}` });
    const share = await world.sut.database.db.system.portalShare.findFirstOrThrow({
      where: { kind: 'document', sourceId: esignRequestId },
      include: { signature: true },
    });
    // The vendor got the very PDF the portal made, and the portal opened no signature of its own.
    expect(createHash('sha256').update(sent.file).digest('hex')).toBe(share.sha256);
    expect(share.signature).toBeNull();
    const run = await world.sut.database.db.system.toolsCall.findFirstOrThrow({
      where: { tool: 'send_contract' },
    });
    expect(run).toMatchObject({ provider: 'dropbox-sign', result: { envelope_id: sent.signatureRequestId } });

    // Dropbox Sign calls back, signed with the account's API key; the same callback again (a retry) and a
    // second all-signed event a second later (Dropbox Sign sends one per account callback as well).
    const callback = (eventTime: number) =>
      dropboxSignDelivery(
        KEYS.dropboxSign,
        'signature_request_all_signed',
        sent.signatureRequestId,
        String(eventTime),
        `crm-esign:${esignRequestId}`,
      );
    const now = Math.floor(Date.now() / 1000);
    const forged = await dropboxSignDelivery(
      'cd'.repeat(32),
      'signature_request_all_signed',
      sent.signatureRequestId,
      String(now),
      `crm-esign:${esignRequestId}`,
    );
    const refused = await fetch(webhookUrl, { method: 'POST', headers: forged.headers, body: forged.body });
    expect(refused.status).toBe(401);
    const first = await callback(now);
    for (const delivery of [first, first, await callback(now + 1)]) {
      const answer = await fetch(webhookUrl, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
      });
      expect(answer.status).toBe(200);
    }

    const documentSigned = await eventually('portal.document.signed', async () =>
      world.sut.received.find((event) => event.type === 'portal.document.signed'),
    );
    expect(documentSigned.data).toMatchObject({
      shareId: share.id,
      esignRequestId,
      contractId: contract.contractId,
      revision: contract.revision,
      companyId,
      contactId,
      documentSha256: share.sha256,
      signedSha256: null,
      signedVia: 'dropbox-sign',
    });
    await addendumSignedDownstream(world, documentSigned, contract, contactId);

    // The repeated callbacks changed nothing: two vendor events, both handled, one signature downstream.
    const vendorEvents = await eventually('both of the vendor’s events', async () => {
      const events = world.sut.received.filter((event) => event.type === 'tools.contract.signed');
      return events.length === 2 && events;
    });
    const group = world.sut.modules
      .flatMap((module) => module.subscriptions)
      .find((subscription) => subscription.group.startsWith('portal.tools-sync.contract-signed'))?.group;
    for (const event of vendorEvents) await world.sut.handled(event.id, group);
    expect(world.sut.received.filter((event) => event.type === 'portal.document.signed')).toHaveLength(1);
    expect(dropboxSign.effects).toHaveLength(1);
  });
});
