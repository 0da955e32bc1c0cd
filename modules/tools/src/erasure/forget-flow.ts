import { publish } from '@suite/bus';
import type { OrgScope } from '@suite/db';
import { auditErasureStep, ERASURE_ACTIONS, type ErasureActor } from './erasure-audit';
import type { ForgetInput, ForgetReport } from './forget.schema';
import { type ErasingModule, eraseInModules } from './module-erasure';
import { unlinkOwnMailbox } from './own-mailbox-erasure.service';
import { identifierHashes, personToErase } from './person-subject';
import { eraseAtVendorCrms } from './vendor-crm-erasure';

/**
 * Right to erasure (docs/decisions/0113): every installed module's hook, every connected vendor CRM,
 * the person's own mailbox, then the completion audit and `platform.person.erased` in one transaction.
 * Like a webhook's processing it spans several tenant transactions (each module, each vendor call and
 * the completion commit on their own), so it takes the org's scope. Running it again finds nothing and
 * publishes nothing new.
 */
export async function forgetPerson(
  org: OrgScope,
  modules: readonly ErasingModule[],
  input: ForgetInput,
  by: ErasureActor,
): Promise<ForgetReport> {
  const person = personToErase(input);
  const hashes = identifierHashes(org.orgId, person);
  const subjectHash = hashes[0]?.hash ?? '';
  const steps = [
    ...(await eraseInModules(org, modules, person, by, subjectHash)),
    ...(await eraseAtVendorCrms(org, person, by, subjectHash)),
    await org.transaction(async (tx) => {
      const step = await unlinkOwnMailbox(tx, person);
      await auditErasureStep(tx, by, subjectHash, step);
      return step;
    }),
  ];
  const divergences = steps.filter((step) => step.outcome === 'divergence').length;
  const eventPublished = await org.transaction(async (tx) => {
    const told = await tx.auditLogEntry.count({
      where: {
        action: ERASURE_ACTIONS.completed,
        target: subjectHash,
        detail: { path: ['eventPublished'], equals: true },
      },
    });
    // Consumers were told by an earlier run; tell them again only if this one still found something.
    const publishNow = told === 0 || steps.some((step) => step.outcome === 'done');
    const erasedAt = new Date().toISOString();
    if (publishNow)
      await publish(tx, {
        type: 'platform.person.erased',
        data: { orgId: org.orgId, subjectHash, identifierHashes: hashes, erasedAt },
      });
    await tx.auditLogEntry.create({
      data: {
        actor: by.actor,
        action: ERASURE_ACTIONS.completed,
        target: subjectHash,
        detail: {
          identifierKinds: hashes.map((hash) => hash.kind),
          steps: steps.length,
          divergences,
          eventPublished: publishNow,
          ...(by.requestId && { requestId: by.requestId }),
        },
      },
    });
    return publishNow;
  });
  return { subjectHash, steps, divergences, eventPublished };
}
