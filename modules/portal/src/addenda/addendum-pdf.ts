import type { crmEsignRequested, EventData } from '@suite/contracts';
import { openDocument } from '../shares/pdf-writer';

export type AddendumSnapshot = EventData<typeof crmEsignRequested>;

/** The addendum as the client signs it: which contract revision, and each changed term from → to. */
export async function addendumPdf(
  addendum: AddendumSnapshot,
  portalName: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const { doc, writer } = await openDocument(
    `Contract addendum, revision ${addendum.revision}`,
    new Date(addendum.requestedAt),
  );
  writer.line(portalName, { bold: true, size: 16 });
  writer.line('Contract addendum', { size: 13 });
  writer.line(`Contract ${addendum.contractId}, revision ${addendum.revision}`);
  writer.line(`Requested ${addendum.requestedAt.slice(0, 10)}`);
  writer.gap();
  writer.line('The contract changes as follows:', { bold: true });
  for (const change of addendum.changes) {
    writer.line(change.field, { bold: true });
    writer.line(`from: ${change.from ?? '(none)'}`, { x: 12 });
    writer.line(`to: ${change.to ?? '(none)'}`, { x: 12 });
  }
  writer.gap();
  writer.line('All other terms of the contract stay as they are.');
  return new Uint8Array(await doc.save({ useObjectStreams: false }));
}
