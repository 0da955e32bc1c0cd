import { defineJob, forEachOrg } from '@suite/jobs';
import { clearOldPayloads } from '../webhook-endpoints/endpoint-delivery.service';

/** Outbound webhook payloads are kept 30 days (decision 0111); the delivery log's attempts stay. */
export const webhookPayloadPurgeJob = defineJob({
  name: 'tools.webhook-payload-purge',
  schedule: '23 3 * * *',
  description:
    'Clears the bodies of outbound webhook messages older than 30 days; each attempt (status, latency, response excerpt) stays in the delivery log.',
  async run({ db, slot }) {
    let cleared = 0;
    const orgs = await forEachOrg(db, async (org) => {
      cleared += await org.transaction((tx) => clearOldPayloads(tx, slot));
    });
    return `cleared ${cleared} webhook payload(s) in ${orgs} org(s)`;
  },
});
