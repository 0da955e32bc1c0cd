import { countInEachOrg, defineJob } from '@suite/jobs';
import { clearOldPayloads } from '../webhook-endpoints/endpoint-delivery.service';

/** Outbound webhook payloads are kept 30 days (decision 0111); the delivery log's attempts stay. */
export const webhookPayloadPurgeJob = defineJob({
  name: 'tools.webhook-payload-purge',
  schedule: '23 3 * * *',
  description:
    'Clears the bodies of outbound webhook messages older than 30 days; each attempt (status, latency, response excerpt) stays in the delivery log.',
  async run({ db, slot }) {
    const { counted, orgs } = await countInEachOrg(db, (tx) => clearOldPayloads(tx, slot));
    return `cleared ${counted} webhook payload(s) in ${orgs} org(s)`;
  },
});
