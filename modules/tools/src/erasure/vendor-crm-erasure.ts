import type { PersonToErase } from '@suite/contracts';
import type { OrgScope } from '@suite/db';
import { DeleteUnsupportedError } from '../crm-drivers/crm-driver';
import { type CrmCaller, withCrmDriver } from '../crm-drivers/crm-driver.service';
import { VENDOR_CRM_DRIVERS } from '../crm-drivers/crm-driver-registry';
import { VendorError } from '../providers/vendor-error';
import { auditErasureStep, type ErasureActor } from './erasure-audit';
import type { ErasureStep } from './forget.schema';

const VENDOR_CRMS = VENDOR_CRM_DRIVERS.map((driver) => driver.provider);
/** A person has a few records at most; the cap stops a CRM that keeps answering a deleted one. */
const MAX_RECORDS = 20;
/** A driver call inside the transaction may wait for the vendor's 15 s, and there may be several. */
const VENDOR_TRANSACTION = { timeout: 120_000 };

type Deletion = { externalId: string; hardDeleted: boolean };
/** What happened at one CRM: the records deleted, and the one it could not delete (no delete API). */
type VendorOutcome = { deleted: Deletion[]; undeletable?: string };

/**
 * Looks the person up (phone first, then email) and deletes each record found, until none is left. A
 * missing delete API is an answer, not a throw, so the transaction (and its decrypt audit) commits.
 */
async function deleteAtVendor(
  org: OrgScope,
  provider: string,
  person: PersonToErase,
  caller: CrmCaller,
): Promise<VendorOutcome> {
  return org.transaction(
    (tx) =>
      withCrmDriver(tx, { provider }, caller, async (driver): Promise<VendorOutcome> => {
        const deleted: Deletion[] = [];
        while (deleted.length < MAX_RECORDS) {
          const record = await driver.lookupCustomer({ phone: person.phone, email: person.email });
          if (!record || deleted.some((done) => done.externalId === record.externalId)) break;
          try {
            // lookupCustomer finds contacts.
            const { hardDeleted } = await driver.deleteRecord({
              object: 'contact',
              externalId: record.externalId,
            });
            deleted.push({ externalId: record.externalId, hardDeleted });
          } catch (error) {
            if (error instanceof DeleteUnsupportedError) return { deleted, undeletable: record.externalId };
            throw error;
          }
        }
        return { deleted };
      }),
    VENDOR_TRANSACTION,
  );
}

function vendorStep(name: string, { deleted, undeletable }: VendorOutcome): ErasureStep {
  const how = (deletion: Deletion) =>
    `${deletion.externalId} ${deletion.hardDeleted ? 'deleted' : 'archived (the vendor purges it later)'}`;
  const done = deleted.map(how).join(', ');
  if (undeletable)
    return {
      step: `CRM ${name}`,
      outcome: 'divergence',
      detail: `${name} has no delete API: delete manually at ${name} record ${undeletable}${done && ` (also ${done})`}`,
    };
  if (!deleted.length)
    return { step: `CRM ${name}`, outcome: 'nothing_found', detail: 'no record of the person' };
  return { step: `CRM ${name}`, outcome: 'done', detail: done };
}

/**
 * The person at every vendor CRM the org has connected (our own CRM erased itself through its hook).
 * A CRM without delete, or one that fails, is a divergence with what to do, never a failed run.
 */
export async function eraseAtVendorCrms(
  org: OrgScope,
  person: PersonToErase,
  by: ErasureActor,
  subjectHash: string,
): Promise<ErasureStep[]> {
  const connected = await org.transaction((tx) =>
    tx.toolsConnection.findMany({
      where: { provider: { in: VENDOR_CRMS.map((vendor) => vendor.id) }, health: { not: 'not_connected' } },
      select: { provider: true },
      orderBy: { provider: 'asc' },
    }),
  );
  const caller: CrmCaller = {
    orgId: org.orgId,
    purpose: { actorType: 'operator', actorId: by.actor, purpose: 'erasure', requestId: by.requestId },
  };
  const steps: ErasureStep[] = [];
  for (const { provider } of connected) {
    const name = VENDOR_CRMS.find((vendor) => vendor.id === provider)?.name ?? provider;
    let step: ErasureStep;
    try {
      step = vendorStep(name, await deleteAtVendor(org, provider, person, caller));
    } catch (error) {
      if (error instanceof VendorError)
        step = {
          step: `CRM ${name}`,
          outcome: 'divergence',
          detail: `${name} refused or failed (${error.message}); fix it and run forget again`,
        };
      else throw error;
    }
    await org.transaction((tx) => auditErasureStep(tx, by, subjectHash, step, { provider }));
    steps.push(step);
  }
  return steps;
}
