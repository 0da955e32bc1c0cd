import { type DomainErrorKind, isDomainError } from '@suite/contracts';
import { initTRPC, type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import type { IntegrationScope } from '../integration-keys/integration-scope';
import type { Permission } from '../permissions/permission-matrix';
import type { RequestContext } from './request-context';

/** Declared per procedure: `staffProcedure.meta({ permission: 'crm.deals.write' })`. */
export interface ProcedureMeta {
  readonly permission?: Permission;
  /** Set by `integrationProcedure('crm:pipeline.context')`: the scope a key needs to call it. */
  readonly scope?: IntegrationScope;
}

// Every error names its request id, so a person can quote it and an operator find it in the logs.
export const t = initTRPC
  .context<RequestContext>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter: ({ shape, ctx }) => ({
      ...shape,
      data: { ...shape.data, requestId: ctx?.requestId ?? null },
    }),
  });

export const router = t.router;
export const middleware = t.middleware;

const TRPC_CODE: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  invalid: 'BAD_REQUEST',
  forbidden: 'FORBIDDEN',
};

/** Services throw domain errors (`@suite/contracts`); this is the one place they become tRPC errors. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && isDomainError(result.error.cause))
    throw new TRPCError({
      code: TRPC_CODE[result.error.cause.kind],
      message: result.error.cause.message,
      cause: result.error.cause,
    });
  return result;
});

/** No identity required: health-style reads, and the base of the authenticated procedures. */
export const publicProcedure = t.procedure.use(domainErrors);
