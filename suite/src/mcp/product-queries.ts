import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { SuiteModule } from '@suite/contracts';
import { forOrg, type OrgTransaction, withinTransaction } from '@suite/db';
import type { RequestContext } from '@suite/hub-auth';
import { consumeRate } from '@suite/tools';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { jsonSchemaOf } from './json-schema';
import { callerCan, type McpCaller } from './mcp-caller';
import { PRODUCT_QUERIES, type ProductQuery, type QueryProduct } from './product-query-table';
import { argumentsHash, auditToolCall, type CallOutcome } from './tool-audit';
import { failure, invalidArguments, structured } from './tool-result';

/** What the queries use of a product's staff router: its procedures' schemas and a caller. */
interface AssistantRouter {
  readonly _def: {
    readonly procedures: Record<string, { _def: { inputs: z.ZodType[]; output?: z.ZodType } }>;
  };
  createCaller(context: RequestContext): { assistant: Record<string, Procedure | undefined> };
}

type Procedure = (input: unknown) => Promise<Record<string, unknown>>;

interface ServedQuery {
  readonly query: ProductQuery;
  readonly router: AssistantRouter;
  readonly input: z.ZodType | undefined;
  readonly tool: Tool;
}

/** Per (org, query), through the tool layer's limits; an org can override it like any tool's. */
const QUERY_RATE = { limit: 120, windowSeconds: 60 };

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/**
 * The product's staff router when it is the real module: stand-ins (tests' own modules with a
 * product's name) have no `assistant.*` procedures, and their product then has no queries.
 */
function assistantRouterOf(modules: readonly SuiteModule[], product: QueryProduct) {
  const router = modules.find((module) => module.name === product)?.appRouter as AssistantRouter | undefined;
  const procedures = Object.keys(router?._def.procedures ?? {});
  return procedures.some((path) => path.startsWith('assistant.')) ? router : undefined;
}

function served(router: AssistantRouter, query: ProductQuery): ServedQuery {
  const procedure = router._def.procedures[`assistant.${query.procedure}`];
  if (!procedure) throw new Error(`${query.name}: its product has no procedure assistant.${query.procedure}`);
  const { inputs, output } = procedure._def;
  const [input] = inputs;
  const tool: Tool = {
    name: query.name,
    title: query.title,
    description: query.description,
    annotations: { title: query.title, ...readOnly },
    inputSchema: input ? jsonSchemaOf(input, 'input') : { type: 'object' },
    ...(output && { outputSchema: jsonSchemaOf(output, 'output') }),
  };
  return { query, router, input, tool };
}

/** The assistant's read-only product queries (CRM, PSA, Books) of the products this suite runs. */
export class ProductQueries {
  readonly #queries: ReadonlyMap<string, ServedQuery>;

  constructor(modules: readonly SuiteModule[]) {
    const products = Object.keys(PRODUCT_QUERIES) as QueryProduct[];
    this.#queries = new Map(
      products.flatMap((product) => {
        const router = assistantRouterOf(modules, product);
        if (!router) return [];
        return PRODUCT_QUERIES[product].map((query) => [query.name, served(router, query)] as const);
      }),
    );
  }

  has(name: string): boolean {
    return this.#queries.has(name);
  }

  /**
   * The queries the caller's Hub permissions open; a product the org lacks grants none. None for
   * machine callers: they are a user's view.
   */
  list(caller: McpCaller): Tool[] {
    if (caller.kind !== 'staff') return [];
    return [...this.#queries.values()]
      .filter(({ query }) => callerCan(caller, query.permission))
      .map(({ tool }) => tool);
  }

  /**
   * One transaction per call: the rate limit is taken, the query runs (its procedure joins the
   * transaction) and the audit row is written, so a call is either fully on record or did not happen.
   */
  async call(
    caller: McpCaller,
    context: RequestContext,
    name: string,
    args: Record<string, unknown>,
  ): Promise<CallToolResult> {
    const entry = this.#queries.get(name);
    if (!entry || caller.kind !== 'staff')
      return failure(`${name}: product queries are for Hub users; sign in with a Hub access token`);
    const startedAt = Date.now();
    const parsed = entry.input?.safeParse(args);
    return forOrg(context.db.app, caller.orgId).transaction(async (tx) => {
      const answer = await this.#answer(tx, caller, context, entry, args, parsed?.error);
      await auditToolCall(tx, caller, {
        tool: name,
        argumentsHash: argumentsHash(args),
        outcome: answer.outcome,
        startedAt,
        requestId: context.requestId,
      });
      return answer.result;
    });
  }

  async #answer(
    tx: OrgTransaction,
    caller: McpCaller & { kind: 'staff' },
    context: RequestContext,
    { query, router }: ServedQuery,
    args: Record<string, unknown>,
    invalid: z.ZodError | undefined,
  ): Promise<{ outcome: CallOutcome; result: CallToolResult }> {
    const { name } = query;
    if (invalid) return { outcome: 'error', result: invalidArguments(name, invalid) };
    const rate = await consumeRate(tx, name, QUERY_RATE);
    if (!rate.allowed)
      return {
        outcome: 'rate_limited',
        result: failure(
          `${name}: this org's limit for this query is used up; retry in ${rate.retryAfterSeconds}s`,
        ),
      };
    try {
      const joined = { ...context, tenant: withinTransaction(caller.orgId, tx) };
      // A caller's property is a procedure for any path; `served` checked this one exists.
      const run = router.createCaller(joined).assistant[query.procedure] as Procedure;
      return { outcome: 'ok', result: structured(await run(args)) };
    } catch (error) {
      if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') throw error;
      return { outcome: 'error', result: failure(`${name}: ${error.message}`) };
    }
  }
}
