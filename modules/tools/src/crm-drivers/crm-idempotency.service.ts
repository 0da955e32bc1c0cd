import type { OrgTransaction, Prisma } from '@suite/db';
import type { CreateOnce } from './crm-driver';
import { crmRecord } from './crm-driver.schema';

/** The tool-call record's name for CRM creates: one `tools.call` row per (org, key), like a tool run. */
const CREATE_RECORD = 'crm.createRecord';

/**
 * Idempotency for CRMs without an idempotency header (HubSpot): the first create under a key is kept in
 * `tools.call`; a second call with the key answers it. A transaction lock on the key makes a concurrent
 * twin wait for the first to commit instead of creating a second record.
 */
export function createOnceIn(tx: OrgTransaction, provider: string): CreateOnce {
  return async (idempotencyKey, create) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${CREATE_RECORD}:${idempotencyKey}`}, 0))`;
    const recorded = await tx.toolsCall.findFirst({ where: { tool: CREATE_RECORD, idempotencyKey } });
    if (recorded) return crmRecord.parse(recorded.result);
    const record = await create();
    await tx.toolsCall.create({
      data: {
        tool: CREATE_RECORD,
        idempotencyKey,
        provider,
        result: record as unknown as Prisma.InputJsonValue,
      },
    });
    return record;
  };
}
