import { initTRPC } from '@trpc/server';
import type { IntegrationScope } from '../integration-keys/integration-scope';
import type { Permission } from '../permissions/permission-matrix';
import type { RequestContext } from './request-context';

/** Declared per procedure: `staffProcedure.meta({ permission: 'crm.deals.write' })`. */
export interface ProcedureMeta {
  readonly permission?: Permission;
  /** Set by `integrationProcedure('crm:pipeline.context')`: the scope a key needs to call it. */
  readonly scope?: IntegrationScope;
}

export const t = initTRPC.context<RequestContext>().meta<ProcedureMeta>().create();

export const router = t.router;
export const middleware = t.middleware;
/** No identity required: health-style reads, and the base of the authenticated procedures. */
export const publicProcedure = t.procedure;
