import { type DomainErrorKind, isDomainError } from '@suite/contracts';
import { initTRPC, type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { IntegrationScope } from '../integration-keys/integration-scope';
import type { Permission } from '../permissions/permission-matrix';
import type { RequestContext } from './request-context';

/** Declared per procedure: `staffProcedure.meta({ permission: 'crm.deals.write' })`. */
export interface ProcedureMeta {
  readonly permission?: Permission;
  /** Set by `integrationProcedure('crm:pipeline.context')`: the scope a key needs to call it. */
  readonly scope?: IntegrationScope;
}

/** The input field at fault, as a dotted path, when the error names one. */
function faultyField(error: TRPCError): string | undefined {
  const { cause } = error;
  if (isDomainError(cause)) return cause.field;
  if (cause instanceof ZodError) return cause.issues[0]?.path.join('.') || undefined;
  return undefined;
}

/**
 * What a client sees of an error, in every NODE_ENV: its code, a message and the request id. An
 * unexpected error's message (Prisma's, PostgreSQL's, a stack) stays in the log under that request id.
 */
export const t = initTRPC
  .context<RequestContext>()
  .meta<ProcedureMeta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error, ctx }) {
      const requestId = ctx?.requestId ?? null;
      const internal = error.code === 'INTERNAL_SERVER_ERROR';
      const field = faultyField(error);
      return {
        code: shape.code,
        message: internal
          ? `internal error; the operator finds it in the log under request id ${requestId}`
          : shape.message,
        requestId,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId,
          ...(field && { field }),
        },
      };
    },
  });

export const router = t.router;
export const middleware = t.middleware;

const TRPC_CODE: Record<DomainErrorKind, TRPC_ERROR_CODE_KEY> = {
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  invalid: 'BAD_REQUEST',
  forbidden: 'FORBIDDEN',
  unavailable: 'BAD_GATEWAY',
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
