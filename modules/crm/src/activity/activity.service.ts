import { type activityList, found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import type { z } from 'zod';
import { companyInOrg } from '../companies/company.service';
import type { ActivityItemView, ActivityLogInput } from './activity.schema';
import { decodeCursor, encodeCursor } from './activity-cursor';

export interface NewActivity {
  readonly companyId: string;
  /** e.g. deal.won, quote.created, ticket.created, csat, esign.requested, company.promoted */
  readonly kind: string;
  readonly title: string;
  readonly detail?: Prisma.InputJsonObject;
  readonly occurredAt: Date;
  readonly contactId?: string;
  /** What caused it (a bus event id, `deal.won:<deal id>`): the same source never adds a second entry. */
  readonly sourceKey?: string;
}

/** Adds a timeline entry, unless one with the same source key exists already. */
export async function recordActivity(tx: OrgTransaction, activity: NewActivity): Promise<void> {
  await tx.crmActivity.createMany({
    data: [{ ...activity, detail: activity.detail ?? {}, sourceKey: activity.sourceKey ?? null }],
    skipDuplicates: true,
  });
}

export type ActivityPage = z.infer<typeof activityList.output>;

/** Newest first; the cursor is the last entry's (time, seq), so entries added meanwhile shift nothing. */
async function listActivity(
  tx: OrgTransaction,
  companyId: string,
  page: { cursor?: string | undefined; limit: number },
): Promise<ActivityPage> {
  const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const rows = await tx.crmActivity.findMany({
    where: {
      companyId,
      ...(after && {
        OR: [
          { occurredAt: { lt: after.occurredAt } },
          { occurredAt: after.occurredAt, seq: { lt: after.seq } },
        ],
      }),
    },
    orderBy: [{ occurredAt: 'desc' }, { seq: 'desc' }],
    take: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({
      activityId: row.id,
      kind: row.kind,
      title: row.title,
      detail: row.detail as Record<string, unknown>,
      occurredAt: row.occurredAt.toISOString(),
    })),
    nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null,
  };
}

/** A company's timeline page (flow 4 and staff); NOT_FOUND for a company of another org. */
export async function listCompanyActivity(
  tx: OrgTransaction,
  input: z.infer<typeof activityList.input>,
): Promise<ActivityPage> {
  await companyInOrg(tx, input.companyId);
  return listActivity(tx, input.companyId, input);
}

/** Staff log a note, call, email or meeting on a company's timeline, optionally about one contact. */
export async function logActivity(tx: OrgTransaction, input: ActivityLogInput): Promise<ActivityItemView> {
  await companyInOrg(tx, input.companyId);
  if (input.contactId)
    found(
      await tx.crmContact.findFirst({ where: { id: input.contactId, companyId: input.companyId } }),
      `contact ${input.contactId} of company ${input.companyId}`,
    );
  const row = await tx.crmActivity.create({
    data: {
      companyId: input.companyId,
      contactId: input.contactId ?? null,
      kind: input.kind,
      title: input.title,
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : new Date(),
    },
  });
  return {
    activityId: row.id,
    kind: row.kind,
    title: row.title,
    detail: {},
    occurredAt: row.occurredAt.toISOString(),
  };
}
