import type { OrgScope } from '@suite/db';
import type { JobContext } from '@suite/jobs';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { m365DeltaSyncJob } from '../../src/jobs/m365-delta-sync.job';
import {
  type GraphStandIn,
  M365_CLIENT_ID,
  M365_SECRET,
  M365_TENANT,
  STAND_IN_CA,
  type StandInMessage,
} from './stand-ins/graph.stand-in';
import { connect } from './tool-calls';

/**
 * This process's fetch trusts the stand-in's certificate (and only it: tests reach no other https host)
 * until `close`, which gives the process its own dispatcher back: test files share the worker.
 */
export function trustGraphStandIn(): { close(): Promise<void> } {
  const previous = getGlobalDispatcher();
  const agent = new Agent({ connect: { ca: STAND_IN_CA } });
  setGlobalDispatcher(agent);
  return {
    async close() {
      setGlobalDispatcher(previous);
      await agent.close();
    },
  };
}

/** Connects Microsoft 365 with the stand-in's app registration and these mailboxes. */
export function connectM365(
  org: OrgScope,
  graph: GraphStandIn,
  mailboxes: readonly string[],
  options: { secret?: string; pageSize?: number } = {},
) {
  return connect(
    org,
    'microsoft365',
    { clientSecret: options.secret ?? M365_SECRET },
    {
      tenantId: M365_TENANT,
      clientId: M365_CLIENT_ID,
      mailboxes: mailboxes.map((address) => ({ address })),
      loginBaseUrl: graph.url,
      graphBaseUrl: graph.url,
      pageSize: options.pageSize ?? 10,
    },
  );
}

/** Runs the delta sync job once, as the scheduler does for a slot. */
export function runDeltaSync(context: Omit<JobContext, 'slot'>): Promise<string | undefined> {
  return m365DeltaSyncJob.run({ ...context, slot: new Date() });
}

let serial = 0;

/** A message as Graph would hold it; immutable-id shaped. */
export function mail(
  fields: Omit<StandInMessage, 'id' | 'conversationId' | 'bodyPreview' | 'sentDateTime'> &
    Partial<StandInMessage>,
): StandInMessage {
  serial += 1;
  return {
    id: `AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AcfQ-${serial}`,
    conversationId: `AAQkAGI2-conv-${serial}`,
    bodyPreview: `Preview of ${fields.subject}`,
    sentDateTime: new Date(Date.UTC(2026, 10, 1, 9, serial)).toISOString(),
    ...fields,
  };
}
