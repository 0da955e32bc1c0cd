import { defineJob, forEachOrg } from '@suite/jobs';
import { callsToLog, logCallToCrm, skipCalls, usesExternalCrm } from '../crm-log/crm-call-log.service';

/** Per org and run, so a backlog (a vendor outage) cannot hold the job's lease; the rest goes next run. */
const LOG_PER_RUN = 200;

/**
 * Every ended call reaches the org's external CRM (HubSpot, Salesforce, generic REST) once, as a call
 * activity with the suite's recording link; a recording ready after that is added to the same activity.
 * Our own CRM's timeline is written from Voice's events, never waiting for this; an org without an
 * external CRM is asked nothing of its vendor. A refusal is retried on the next run.
 */
export const crmCallLogJob = defineJob({
  name: 'voice.crm-call-log',
  schedule: '*/5 * * * *',
  description:
    "Logs each ended call once to the org's external CRM, when it uses one (HubSpot, Salesforce, generic REST), with the suite's recording link, added to the same activity when the recording comes later.",
  async run({ db, log, integrations, publicUrl }) {
    if (!integrations || !publicUrl) return 'external CRM logging waits for a process serving integrations';
    const done = { logged: 0, linked: 0, unchanged: 0 };
    let skipped = 0;
    let failed = 0;
    const orgs = await forEachOrg(db, async (org) => {
      const callIds = await org.transaction((tx) => callsToLog(tx, LOG_PER_RUN));
      if (callIds.length === 0) return;
      const caller = { orgId: org.orgId, integrations };
      const external = await usesExternalCrm(caller).catch((error: unknown) => {
        failed += callIds.length;
        log.warn(
          { err: error, orgId: org.orgId },
          "the org's CRM is unknown; its calls are retried next run",
        );
        return undefined;
      });
      if (external === false) {
        await org.transaction((tx) => skipCalls(tx, callIds));
        skipped += callIds.length;
      }
      if (!external) return;
      for (const callId of callIds)
        await org
          .transaction((tx) => logCallToCrm(tx, callId, caller, publicUrl))
          .then((outcome) => done[outcome]++)
          .catch((error: unknown) => {
            failed++;
            log.warn(
              { err: error, orgId: org.orgId, callId },
              'call not logged to the external CRM; retried next run',
            );
          });
    });
    return `${done.logged} call(s) logged to external CRMs, ${done.linked} recording link(s) added, ${skipped} without one, ${failed} to retry, in ${orgs} org(s)`;
  },
});
