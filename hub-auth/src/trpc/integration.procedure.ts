import { forOrg, type OrgScope } from '@suite/db';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { VerifiedIntegrationKey } from '../integration-keys/integration-key.verifier';
import {
  type IntegrationScope,
  isProcedureScope,
  SCOPE_GRAMMAR,
  scopeAllows,
} from '../integration-keys/integration-scope';
import { publicProcedure } from './trpc';

/** What an integration procedure gets on top of the request context. */
export interface IntegrationContext {
  readonly orgId: string;
  /** The calling product, as its key says. */
  readonly caller: string;
  readonly scopes: readonly string[];
  readonly key: VerifiedIntegrationKey;
  /** The only door to tenant data: every query in it sees the key's org only. */
  readonly tenant: OrgScope;
}

function missingScope(key: VerifiedIntegrationKey, scope: IntegrationScope): string {
  return (
    `integration key ${key.prefix} (${key.caller} → ${key.target}) lacks scope ${scope} ` +
    `(it has ${key.scopes.join(', ')}); ask the ${key.target} operator for a key with that scope`
  );
}

/**
 * A procedure other products call with `X-Integration-Key`, scoped to the key's org: no valid key → 401,
 * a key without `scope` → 403 naming it. Rows of other orgs are invisible through `ctx.tenant`, so a
 * procedure answers NOT_FOUND for them (`found` of `@suite/contracts`), never FORBIDDEN.
 */
export function integrationProcedure(scope: IntegrationScope) {
  if (!isProcedureScope(scope))
    throw new TypeError(
      `integrationProcedure("${scope}"): expected <module>:<procedure>, e.g. crm:pipeline.context (${SCOPE_GRAMMAR})`,
    );
  return publicProcedure.meta({ scope }).use(({ ctx, next }) => {
    const { integration } = ctx;
    if (integration.status === 'refused')
      throw new TRPCError({ code: 'UNAUTHORIZED', message: integration.reason });
    const { key } = integration;
    if (!scopeAllows(key.scopes, scope))
      throw new TRPCError({ code: 'FORBIDDEN', message: missingScope(key, scope) });
    const integrationContext: IntegrationContext = {
      orgId: key.orgId,
      caller: key.caller,
      scopes: key.scopes,
      key,
      tenant: forOrg(ctx.db.app, key.orgId),
    };
    return next({ ctx: integrationContext });
  });
}

/** One procedure of an integration API as `contracts/src/integration/` states it, once. */
export interface IntegrationContract {
  readonly scope: IntegrationScope;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

/**
 * The procedure of a contract: its scope, input and output, so the router only adds the service:
 * `context: fromContract(pipelineContext).query(inTenant(readPipelineContext))`.
 */
export function fromContract<const C extends IntegrationContract>(contract: C) {
  return integrationProcedure(contract.scope)
    .input(contract.input as C['input'])
    .output(contract.output as C['output']);
}
