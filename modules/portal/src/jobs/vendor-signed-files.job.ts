import { defineJob, forEachOrg } from '@suite/jobs';
import { recordSignedFileFailure } from '../addenda/signed-file-failure.service';
import { addendaAwaitingSignedFile, storeVendorSignedFile } from '../addenda/vendor-signed-file.service';
import { fetchSignedContract } from '../tools/tools.client';

/** Per org and run, so a vendor outage cannot hold the job's lease; the rest goes next run. */
const FETCH_PER_RUN = 50;

/**
 * Each addendum signed at the org's e-signature vendor gets the vendor's signed PDF, stored with its
 * SHA-256; `portal.document.signed` follows once it is in. A vendor that fails is asked again with a
 * doubling wait, and after the last attempt the signature is published without the file (decision 0157).
 */
export const vendorSignedFilesJob = defineJob({
  name: 'portal.vendor-signed-files',
  schedule: '* * * * *',
  description:
    "Fetches the signed PDF of each addendum signed at the org's e-signature vendor (Dropbox Sign, DocuSign) through the tool layer, stores it with its SHA-256 and publishes portal.document.signed; gives up after 6 failed fetches (publishing the signature without the file's hash).",
  async run({ db, log, integrations, slot }) {
    if (!integrations) return 'signed files wait for a process serving integrations';
    const counts = { stored: 0, retry: 0, gaveUp: 0 };
    const orgs = await forEachOrg(db, async (org) => {
      const awaiting = await org.transaction((tx) => addendaAwaitingSignedFile(tx, FETCH_PER_RUN, slot));
      for (const { shareId, envelopeId } of awaiting)
        await fetchSignedContract(integrations, org.orgId, envelopeId)
          .then(async (pdf) => {
            const outcome = await org.transaction((tx) => storeVendorSignedFile(tx, shareId, pdf));
            if (outcome === 'stored') counts.stored++;
          })
          .catch(async (error: unknown) => {
            const reason = error instanceof Error ? error.message : String(error);
            const outcome = await org.transaction((tx) => recordSignedFileFailure(tx, shareId, reason, slot));
            if (outcome === 'retry later') counts.retry++;
            if (outcome === 'gave up') counts.gaveUp++;
            log.warn({ err: error, orgId: org.orgId, shareId, outcome }, 'signed PDF not fetched');
          });
    });
    return `${counts.stored} vendor-signed PDF(s) stored, ${counts.retry} to retry, ${counts.gaveUp} given up, in ${orgs} org(s)`;
  },
});
