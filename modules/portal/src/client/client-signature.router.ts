import { inTenant, router } from '@suite/hub-auth';
import { z } from 'zod';
import { byRequestId, signatureView, signInput } from '../signatures/signature.schema';
import { featureProcedure } from './client.procedure';
import { listClientSignatures, openClientSignature, signDocument } from './client-signature.service';

const esign = featureProcedure('esign');

/** Documents the client's company is asked to sign, behind the portal's `esign` toggle. */
export const clientSignatureRouter = router({
  list: esign.output(z.array(signatureView)).query(inTenant(listClientSignatures)),
  open: esign.input(byRequestId).output(signatureView).mutation(inTenant(openClientSignature)),
  sign: esign.input(signInput).output(signatureView).mutation(inTenant(signDocument)),
});
