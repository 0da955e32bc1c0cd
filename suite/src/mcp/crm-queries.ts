import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { CrmAppRouter } from '@suite/crm/api';
import { forOrg, type OrgTransaction, withinTransaction } from '@suite/db';
import type { Permission, RequestContext } from '@suite/hub-auth';
import { consumeRate } from '@suite/tools';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { jsonSchemaOf } from './json-schema';
import { callerCan, type McpCaller } from './mcp-caller';
import { argumentsHash, auditToolCall, type CallOutcome } from './tool-audit';
import { failure, invalidArguments, structured } from './tool-result';

type Assistant = ReturnType<CrmAppRouter['createCaller']>['assistant'];

interface CrmQuery {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly permission: Permission;
  readonly procedure: keyof Assistant;
}

/** The assistant's CRM queries: staff procedures of CRM (`assistant.*`) run with the caller's session. */
const QUERIES: readonly CrmQuery[] = [
  {
    name: 'crm_search',
    title: 'Search CRM',
    description: 'Finds companies (by name or domain) and contacts (by name or email); paged.',
    permission: 'crm.companies.read',
    procedure: 'search',
  },
  {
    name: 'crm_company_summary',
    title: 'Company summary',
    description: "A company's status, health score with its inputs, open deals and recent activity.",
    permission: 'crm.companies.read',
    procedure: 'companySummary',
  },
  {
    name: 'crm_pipeline',
    title: 'Pipeline by stage',
    description: 'Open deals per stage with their value, and totals per currency.',
    permission: 'crm.deals.read',
    procedure: 'pipeline',
  },
  {
    name: 'crm_deals_closing_this_month',
    title: 'Deals closing this month',
    description: 'Open deals expected to close this month (UTC), soonest first; paged.',
    permission: 'crm.deals.read',
    procedure: 'closingThisMonth',
  },
  {
    name: 'crm_contact_timeline',
    title: "A contact's timeline",
    description: 'Calls, notes, emails and meetings logged about a contact, newest first; paged.',
    permission: 'crm.companies.read',
    procedure: 'contactTimeline',
  },
];

/** Per (org, query), through the tool layer's limits; an org can override it like any tool's. */
const QUERY_RATE = { limit: 120, windowSeconds: 60 };

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

/** The assistant router's procedures, found by path, for their zod input and output. */
function procedureOf(router: CrmAppRouter, query: CrmQuery) {
  const procedures = router._def.procedures as unknown as Record<
    string,
    { _def: { inputs: z.ZodType[]; output?: z.ZodType } }
  >;
  const procedure = procedures[`assistant.${query.procedure}`];
  if (!procedure) throw new Error(`CRM has no procedure assistant.${query.procedure}`);
  return procedure._def;
}

export class CrmQueries {
  readonly #definitions: Map<string, Tool>;
  readonly #inputs = new Map<string, z.ZodType>();

  constructor(private readonly router: CrmAppRouter) {
    this.#definitions = new Map(
      QUERIES.map((query) => {
        const { inputs, output } = procedureOf(router, query);
        const [input] = inputs;
        if (input) this.#inputs.set(query.name, input);
        const tool: Tool = {
          name: query.name,
          title: query.title,
          description: query.description,
          annotations: { title: query.title, ...readOnly },
          inputSchema: input ? jsonSchemaOf(input, 'input') : { type: 'object' },
          ...(output && { outputSchema: jsonSchemaOf(output, 'output') }),
        };
        return [query.name, tool];
      }),
    );
  }

  has(name: string): boolean {
    return this.#definitions.has(name);
  }

  /** The queries the caller's Hub permissions open (none for machine callers: they are a user's view). */
  list(caller: McpCaller): Tool[] {
    return QUERIES.filter((query) => caller.kind === 'staff' && callerCan(caller, query.permission)).flatMap(
      (query) => this.#definitions.get(query.name) ?? [],
    );
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
    const query = QUERIES.find((candidate) => candidate.name === name);
    if (!query || caller.kind !== 'staff')
      return failure(`${name}: CRM queries are for Hub users; sign in with a Hub access token`);
    const startedAt = Date.now();
    const parsed = this.#inputs.get(name)?.safeParse(args);
    return forOrg(context.db.app, caller.orgId).transaction(async (tx) => {
      const answer = await this.#answer(tx, caller, context, query, args, parsed?.error);
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
    query: CrmQuery,
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
      const assistant = this.router.createCaller(joined).assistant;
      const run = assistant[query.procedure] as (input: unknown) => Promise<Record<string, unknown>>;
      return { outcome: 'ok', result: structured(await run(args)) };
    } catch (error) {
      if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') throw error;
      return { outcome: 'error', result: failure(`${name}: ${error.message}`) };
    }
  }
}
