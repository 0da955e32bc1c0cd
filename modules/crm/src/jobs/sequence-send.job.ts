import { defineJob, forEachOrg } from '@suite/jobs';
import { dueEnrollments, type StepOutcome, sendDueStep } from '../sequences/sequence-send.service';
import { toolsStepSender } from '../sequences/tools-run.client';

/** Sends the due steps of email sequences through each enrolling user's connected mailbox. */
export const sequenceSendJob = defineJob({
  name: 'crm.sequence-send',
  schedule: '* * * * *',
  leaseMs: 15 * 60_000,
  description:
    "Sends due email-sequence steps through the enrolling user's connected mailbox (send_email), one transaction per step.",
  async run({ db, log, slot, integrations }) {
    if (!integrations)
      throw new Error(
        'crm.sequence-send needs the tool layer’s integration API: it runs inside `suite start`',
      );
    const counts = new Map<StepOutcome | 'failed', number>();
    await forEachOrg(db, async (org) => {
      const due = await org.transaction((tx) => dueEnrollments(tx, slot));
      if (!due.length) return;
      const send = toolsStepSender(integrations, org.orgId);
      for (const id of due) {
        // A vendor call in the transaction: the step's advance commits with the send's answer, or not at all.
        // A step that fails stays due for the next run; it must not hold back the steps due after it.
        const outcome: StepOutcome | 'failed' = await org
          .transaction((tx) => sendDueStep(tx, id, send, slot), { timeout: 60_000 })
          .catch((error: unknown) => {
            log.error(
              { err: error, orgId: org.orgId, enrollmentId: id },
              'sequence step failed; retried next run',
            );
            return 'failed' as const;
          });
        counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
      }
    });
    return [...counts].map(([outcome, count]) => `${count} ${outcome}`).join(', ') || 'no step due';
  },
});
