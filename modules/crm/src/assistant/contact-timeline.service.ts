import { found } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { decodeCursor, encodeCursor } from '../activity/activity-cursor';
import type { ContactTimelineInput, ContactTimelineView } from './assistant.schema';

/** The timeline entries about one contact, newest first, keyset-paged like the company timeline. */
export async function contactTimeline(
  tx: OrgTransaction,
  input: ContactTimelineInput,
): Promise<ContactTimelineView> {
  const contact = found(
    await tx.crmContact.findFirst({
      where: { id: input.contactId },
      include: { company: { select: { name: true } } },
    }),
    `contact ${input.contactId}`,
  );
  const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
  const rows = await tx.crmActivity.findMany({
    where: {
      contactId: contact.id,
      ...(after && {
        OR: [
          { occurredAt: { lt: after.occurredAt } },
          { occurredAt: after.occurredAt, seq: { lt: after.seq } },
        ],
      }),
    },
    orderBy: [{ occurredAt: 'desc' }, { seq: 'desc' }],
    take: input.limit + 1,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    contact: {
      contactId: contact.id,
      name: contact.name,
      title: contact.title,
      companyId: contact.companyId,
      companyName: contact.company.name,
    },
    items: items.map((row) => ({
      kind: row.kind,
      title: row.title,
      occurredAt: row.occurredAt.toISOString(),
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null,
  };
}
