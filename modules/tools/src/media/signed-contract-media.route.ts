import { vendorMediaRoute } from './vendor-media.route';

/**
 * `GET /tools/media/signed-contracts/<vendor envelope id>` (scope `tools:media.contracts`): the signed
 * PDF of a contract sent through `send_contract`, from the org's e-signature vendor. The portal fetches
 * a vendor-signed addendum's file with it (decision 0156).
 */
export const signedContractMediaRoute = vendorMediaRoute({
  path: '/tools/media/signed-contracts/:envelopeId',
  scope: 'tools:media.contracts',
  tool: 'signed_contract',
  badId: 'envelopeId: expected the vendor signature request or envelope id',
  input: (request) => ({ envelope_id: request.params.envelopeId }),
});
