import { inTenant, router } from '@suite/hub-auth';
import { z } from 'zod';
import { byRequestId, signatureView, signInput, vendorDocumentView } from '../signatures/signature.schema';
import { featureProcedure } from './client.procedure';
import { listClientSignatures, openClientSignature, signDocument } from './client-signature.service';
import { listVendorDocuments } from './client-vendor-document.service';

const esign = featureProcedure('esign');

/** Documents the client's company is asked to sign, behind the portal's `esign` toggle. */
export const clientSignatureRouter = router({
  list: esign.output(z.array(signatureView)).query(inTenant(listClientSignatures)),
  /** Addenda signed at the org's e-signature vendor instead (decision 0156). */
  atVendor: esign.output(z.array(vendorDocumentView)).query(inTenant(listVendorDocuments)),
  open: esign.input(byRequestId).output(signatureView).mutation(inTenant(openClientSignature)),
  sign: esign.input(signInput).output(signatureView).mutation(inTenant(signDocument)),
});
