import { defineJob, forEachOrg } from '@suite/jobs';
import { addendaAwaitingSignedFile, storeVendorSignedFile } from '../addenda/vendor-signed-file.service';
import { fetchSignedContract } from '../tools/tools.client';

/** Per org and run, so a vendor outage cannot hold the job's lease; the rest goes next run. */
const FETCH_PER_RUN = 50;

/**
 * Each addendum signed at the org's e-signature vendor gets the vendor's signed PDF, stored with its
 * SHA-256; `portal.document.signed` follows once it is in. A vendor that fails is asked again next run:
 * the signature itself is already kept on the share.
 */
export const vendorSignedFilesJob = defineJob({
  name: 'portal.vendor-signed-files',
  schedule: '* * * * *',
  description:
    "Fetches the signed PDF of each addendum signed at the org's e-signature vendor (Dropbox Sign, DocuSign) through the tool layer, stores it with its SHA-256 and publishes portal.document.signed.",
  async run({ db, log, integrations }) {
    if (!integrations) return 'signed files wait for a process serving integrations';
    let stored = 0;
    let failed = 0;
    const orgs = await forEachOrg(db, async (org) => {
      const awaiting = await org.transaction((tx) => addendaAwaitingSignedFile(tx, FETCH_PER_RUN));
      for (const { shareId, envelopeId } of awaiting)
        await fetchSignedContract(integrations, org.orgId, envelopeId)
          .then((pdf) => org.transaction((tx) => storeVendorSignedFile(tx, shareId, pdf)))
          .then((outcome) => {
            if (outcome === 'stored') stored++;
          })
          .catch((error: unknown) => {
            failed++;
            log.warn({ err: error, orgId: org.orgId, shareId }, 'signed PDF not fetched; retried next run');
          });
    });
    return `${stored} vendor-signed PDF(s) stored, ${failed} to retry, in ${orgs} org(s)`;
  },
});
