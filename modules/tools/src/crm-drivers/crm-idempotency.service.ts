import type { OrgTransaction, Prisma } from '@suite/db';
import type { CrmDriver, WriteOnce } from './crm-driver';
import { crmRecord } from './crm-driver.schema';

/** The tool-call record's names for CRM writes: one `tools.call` row per (org, verb, key), like a tool run. */
type KeyedVerb = 'crm.createRecord' | 'crm.updateRecord';

/**
 * Idempotency for CRMs without an idempotency header (HubSpot): the first write under a key is kept in
 * `tools.call`; a second call with the key answers it. A transaction lock on the key makes a concurrent
 * twin wait for the first to commit instead of writing a second time.
 */
export function writeOnceIn(tx: OrgTransaction, provider: string, verb: KeyedVerb): WriteOnce {
  return async (idempotencyKey, write) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${verb}:${idempotencyKey}`}, 0))`;
    const recorded = await tx.toolsCall.findFirst({ where: { tool: verb, idempotencyKey } });
    if (recorded) return crmRecord.parse(recorded.result);
    const record = await write();
    await tx.toolsCall.create({
      data: { tool: verb, idempotencyKey, provider, result: record as unknown as Prisma.InputJsonValue },
    });
    return record;
  };
}

/** The driver with keyed updates: an update given an idempotency key is sent once (Voice's recording link). */
export function withKeyedUpdates(driver: CrmDriver, updateOnce: WriteOnce): CrmDriver {
  return {
    ...driver,
    updateRecord: (input) =>
      input.idempotencyKey
        ? updateOnce(input.idempotencyKey, () => driver.updateRecord(input))
        : driver.updateRecord(input),
  };
}
