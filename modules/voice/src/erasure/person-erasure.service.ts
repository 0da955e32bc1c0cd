import type { ModuleErasureReport, PersonToErase } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';

/** What an erased call keeps instead of the person's number (the columns are not nullable). */
export const ERASED_NUMBER = 'erased';

/**
 * Voice's part of the right to erasure, by number only (Voice holds no email). A call stays as a row
 * (direction, status, time, duration, company) because billing and usage counts need it; the person's
 * number on both sides, the contact link and the staff note go; its recordings leave the suite at once
 * and keep only the vendor id until `voice.recording-retention` has deleted the media at the vendor.
 */
export async function erasePerson(
  tx: OrgTransaction,
  { phone }: PersonToErase,
): Promise<ModuleErasureReport> {
  if (!phone) return { module: 'voice', erased: [] };
  const calls = await tx.voiceCall.findMany({ where: { remoteNumber: phone }, select: { id: true } });
  const callIds = calls.map((call) => call.id);
  const recordings = (
    await tx.voiceRecording.updateMany({
      where: { callId: { in: callIds }, deletedAt: null },
      data: { deletedAt: new Date() },
    })
  ).count;
  await tx.$executeRaw`
    UPDATE voice.call
       SET from_number = CASE WHEN from_number = ${phone} THEN ${ERASED_NUMBER} ELSE from_number END,
           to_number = CASE WHEN to_number = ${phone} THEN ${ERASED_NUMBER} ELSE to_number END,
           remote_number = ${ERASED_NUMBER}, contact_id = NULL, note = NULL
     WHERE id = ANY(${callIds}::uuid[])`;
  return {
    module: 'voice',
    erased: [
      { kind: 'call number removed', count: callIds.length },
      { kind: 'recording reference', count: recordings },
    ],
  };
}
