import type { OrgTransaction } from '@suite/db';

export interface DecryptAuditView {
  readonly at: string;
  readonly connectionId: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly purpose: string;
  readonly requestId: string | null;
  readonly traceId: string | null;
}

/** The org's decrypt records, newest first (`suite vault audit`). */
export async function listDecryptAudit(
  tx: OrgTransaction,
  filter: { connectionId?: string | undefined; limit?: number },
): Promise<DecryptAuditView[]> {
  const rows = await tx.toolsDecryptAudit.findMany({
    where: filter.connectionId ? { connectionId: filter.connectionId } : {},
    orderBy: { at: 'desc' },
    take: filter.limit ?? 100,
  });
  return rows.map((row) => ({
    at: row.at.toISOString(),
    connectionId: row.connectionId,
    actorType: row.actorType,
    actorId: row.actorId,
    purpose: row.purpose,
    requestId: row.requestId,
    traceId: row.traceId,
  }));
}
