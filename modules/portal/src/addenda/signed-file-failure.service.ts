import type { OrgTransaction } from '@suite/db';
import { publishVendorSignature } from './vendor-signed-file.service';

/**
 * Fetches of a vendor's signed PDF before the job gives up: waits of 1, 2, 4, 8 and 16 minutes, so CRM
 * and PSA hear of the signature at most about half an hour after the first failed fetch (decision 0157).
 */
export const SIGNED_FILE_ATTEMPTS = 6;
const FIRST_WAIT_MS = 60_000;
/** Long enough for any vendor's reason, short enough for a table cell. */
const REASON_MAX = 500;

/**
 * A fetch of the vendor's signed PDF failed at `now`: the next waits twice as long as the last; after
 * the last attempt the job gives up and publishes `portal.document.signed` without the file's hash, once,
 * so CRM and PSA learn of the signature, and staff see why on the share and may retry the fetch.
 */
export async function recordSignedFileFailure(
  tx: OrgTransaction,
  shareId: string,
  reason: string,
  now: Date,
): Promise<'retry later' | 'gave up' | 'nothing to record'> {
  const share = await tx.portalShare.findFirst({
    where: { id: shareId, status: 'signed', signedPdf: null, signedFileGaveUpAt: null },
  });
  if (!share) return 'nothing to record';
  const attempts = share.signedFileAttempts + 1;
  const givingUp = attempts >= SIGNED_FILE_ATTEMPTS;
  const { count } = await tx.portalShare.updateMany({
    where: { id: shareId, signedPdf: null, signedFileGaveUpAt: null, signedFileAttempts: attempts - 1 },
    data: {
      signedFileAttempts: attempts,
      signedFileError: reason.slice(0, REASON_MAX),
      signedFileRetryAt: givingUp ? null : new Date(now.getTime() + FIRST_WAIT_MS * 2 ** (attempts - 1)),
      ...(givingUp && { signedFileGaveUpAt: now }),
    },
  });
  // Another run recorded this attempt, or the file came in meanwhile.
  if (count === 0) return 'nothing to record';
  if (!givingUp) return 'retry later';
  await publishVendorSignature(tx, share, null);
  return 'gave up';
}
