import { crmEsignRequested, portalDocumentSigned, psaContractSigned } from '@suite/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPath, portalRequest } from '../../support/portal-client';
import { eventually } from '../../support/suite-fixture';
import {
  addendumSignedDownstream,
  amendedContract,
  type PortalWorld,
  signedInClient,
  startPortalWorld,
  wonClient,
} from './portal-support';

let world: PortalWorld;
const HOST = 'addendum-clients.portal.localhost';
const EMAIL = 'buyer@acmeaddendum.test';

interface Signature {
  requestId: string;
  shareId: string;
  title: string;
  status: string;
  documentSha256: string;
  signedSha256: string | null;
  trail: { step: string; actor: string }[];
}

const call = (procedure: string, cookie: string, input?: unknown) =>
  portalRequest(world.sut.suite.url, `${HOST}:${world.port}`, clientPath(procedure), {
    cookie,
    ...(input !== undefined && { body: input }),
  });
const dataOf = async <T>(answer: ReturnType<typeof call>) =>
  (await answer).json<{ result: { data: T } }>().result.data;

beforeAll(async () => {
  world = await startPortalWorld([crmEsignRequested, portalDocumentSigned, psaContractSigned]);
});
afterAll(async () => world?.close());

describe('flow 7 through the portal: a contract amendment signed as an addendum', () => {
  it('shares the addendum for signature; the signature completes CRM’s request and signs the PSA revision', async () => {
    const { portalId } = (
      await world.staff.mutate<{ portalId: string }>('portals.create', {
        slug: 'addendum-clients',
        name: 'Northwind IT',
        features: ['quotes', 'esign'],
      })
    ).data;
    const { companyId, contactId, dealId } = await wonClient(world.staff, portalId, 'Acme Addendum', EMAIL);
    const contract = await amendedContract(world.staff, companyId, dealId);
    expect(contract.revision).toBe(2);

    const requested = await eventually('crm.esign.requested', async () =>
      world.sut.received.find(
        (event) => event.type === 'crm.esign.requested' && event.data.contractId === contract.contractId,
      ),
    );
    const cookie = await signedInClient(world, HOST, EMAIL);
    const addendum = await eventually('the addendum in the portal', async () =>
      (await dataOf<Signature[]>(call('signatures.list', cookie))).find((request) =>
        request.title.startsWith('Contract addendum'),
      ),
    );
    expect(addendum).toMatchObject({ title: 'Contract addendum, revision 2', status: 'pending' });
    expect(addendum.trail[0]).toMatchObject({ step: 'created', actor: 'system:crm.esign.requested' });
    const pdf = await portalRequest(
      world.sut.suite.url,
      `${HOST}:${world.port}`,
      `/documents/${addendum.shareId}`,
      {
        cookie,
      },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers['x-content-sha256']).toBe(addendum.documentSha256);

    await dataOf(call('signatures.open', cookie, { requestId: addendum.requestId }));
    const signed = await dataOf<Signature>(
      call('signatures.sign', cookie, {
        requestId: addendum.requestId,
        signerName: 'Ann Addendum',
        consent: true,
      }),
    );
    expect(signed.status).toBe('signed');

    const documentSigned = await eventually('portal.document.signed', async () =>
      world.sut.received.find((event) => event.type === 'portal.document.signed'),
    );
    expect(documentSigned.data).toMatchObject({
      shareId: addendum.shareId,
      esignRequestId: requested.data.esignRequestId,
      contractId: contract.contractId,
      revision: 2,
      companyId,
      contactId,
      documentSha256: addendum.documentSha256,
      signedSha256: signed.signedSha256,
    });
    const contractSigned = await addendumSignedDownstream(world, documentSigned, contract, contactId);
    expect(contractSigned.data).toMatchObject({ crmCompanyId: companyId });
  });
});
