import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import {
  byRequestId,
  signatureRequestInput,
  signatureView,
  signedPdfView,
  verificationView,
} from './signature.schema';
import { getSignature, requestSignature, signedPdfOf, verifySignature } from './signature.service';

const read = staffProcedure.meta({ permission: 'portal.access' });
const write = staffProcedure.meta({ permission: 'portal.shares.write' });

/** Asking a client to sign a shared PDF, its audit trail, the signed PDF and its verification. */
export const signatureRouter = router({
  request: write.input(signatureRequestInput).output(signatureView).mutation(inTenant(requestSignature)),
  get: read.input(byRequestId).output(signatureView).query(inTenant(getSignature)),
  download: read.input(byRequestId).output(signedPdfView).query(inTenant(signedPdfOf)),
  verify: read.input(byRequestId).output(verificationView).query(inTenant(verifySignature)),
});
