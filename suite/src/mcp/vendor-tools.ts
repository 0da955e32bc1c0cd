import { randomUUID } from 'node:crypto';
import type { CallToolResult, Tool, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { isDomainError } from '@suite/contracts';
import { type Database, forOrg, type OrgTransaction } from '@suite/db';
import { listToolAvailability, runTool, TOOL_CATALOG, type ToolName, toolError } from '@suite/tools';
import { z } from 'zod';
import { jsonSchemaOf } from './json-schema';
import { callerCan, type McpCaller } from './mcp-caller';
import { argumentsHash, auditToolCall, type CallOutcome } from './tool-audit';
import { checkConfirmation, confirmationField } from './tool-confirmation';
import { failure, invalidArguments, structured } from './tool-result';

interface VendorToolText {
  readonly title: string;
  readonly description: string;
  readonly annotations: ToolAnnotations;
}

// Honest hints (MCP annotations): every tool-layer tool reaches an outside vendor (open world); a charge
// and a public post cannot be taken back (destructive); a geocode changes nothing.
const sends = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true };
// `delete_recording` is Voice's own step (its retention and erasure), `create_checkout` the portal's behind
// a signed-in client's Pay Now: never an assistant's.
type AssistantTool = Exclude<ToolName, 'delete_recording' | 'create_checkout'>;
const TEXT: Record<AssistantTool, VendorToolText> = {
  send_sms: {
    title: 'Send an SMS',
    description: "Texts a phone number (E.164) through the org's SMS vendor.",
    annotations: sends,
  },
  send_email: {
    title: 'Send an email',
    description: "Sends a plain-text email through the org's email vendor.",
    annotations: sends,
  },
  charge_card: {
    title: 'Charge a card',
    description:
      "Charges a stored payment method through the org's payment vendor. Needs the user's confirmation.",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
  post_to_social: {
    title: 'Post to social media',
    description: "Publishes a post on the org's connected social account. Needs the user's confirmation.",
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
  send_contract: {
    title: 'Send a contract for signature',
    description: "Sends a document for e-signature through the org's e-signature vendor.",
    annotations: sends,
  },
  place_call: {
    title: 'Place a phone call',
    description:
      "Rings a staff phone, then bridges it to the number called, through the org's telephony vendor.",
    annotations: sends,
  },
  geocode_address: {
    title: 'Geocode an address',
    description: 'Finds the coordinates and the formatted form of an address.',
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
};

const isDestructive = (tool: AssistantTool) => TEXT[tool].annotations.destructiveHint === true;

const idempotencyField = {
  idempotency_key: z
    .string()
    .min(8)
    .max(200)
    .optional()
    .describe(
      'Send the same key when retrying this call: the first result comes back instead of a second effect.',
    ),
};

/** The catalog's input plus what the MCP layer adds (retry key; confirmation for destructive tools). */
function inputOf(tool: AssistantTool) {
  const input = TOOL_CATALOG[tool].input.extend(idempotencyField);
  return isDestructive(tool) ? input.extend(confirmationField) : input;
}

/** `{ success, provider, …the catalog's output }`, or `{ success: false, error }`, or a confirmation request. */
function outputOf(tool: AssistantTool) {
  return TOOL_CATALOG[tool].output.partial().extend({
    success: z.boolean(),
    provider: z.string().optional(),
    error: toolError.optional(),
    confirmation_required: z
      .object({ confirmation: z.string(), expires_at: z.string(), summary: z.string() })
      .optional(),
  });
}

const TOOL_NAMES = Object.keys(TEXT) as AssistantTool[];
const DEFINITIONS = new Map<ToolName, Tool>(
  TOOL_NAMES.map((tool) => [
    tool,
    {
      name: tool,
      title: TEXT[tool].title,
      description: TEXT[tool].description,
      annotations: { title: TEXT[tool].title, ...TEXT[tool].annotations },
      inputSchema: jsonSchemaOf(inputOf(tool), 'input'),
      outputSchema: jsonSchemaOf(outputOf(tool), 'output'),
    } satisfies Tool,
  ]),
);

export const isVendorTool = (name: string): name is AssistantTool => DEFINITIONS.has(name as AssistantTool);

/** The tool layer's tools the caller may run, for its org's connections (unavailable ones with why). */
export async function listVendorTools(db: Database, caller: McpCaller): Promise<Tool[]> {
  if (!callerCan(caller, 'tools.run')) return [];
  const availability = await forOrg(db.app, caller.orgId).transaction(listToolAvailability);
  return availability.flatMap(({ tool, available, reason }) => {
    const definition = DEFINITIONS.get(tool);
    if (!definition) return [];
    if (available) return [definition];
    return [
      {
        ...definition,
        description: `${reason} — ${definition.description}`,
        _meta: { 'suite/availability': { available: false, reason } },
      },
    ];
  });
}

interface VendorCall {
  readonly tool: AssistantTool;
  readonly args: Record<string, unknown>;
  readonly requestId: string;
}

/** Runs a tool-layer tool for the caller's org: available, confirmed when destructive, audited. */
export async function callVendorTool(
  db: Database,
  caller: McpCaller,
  call: VendorCall,
): Promise<CallToolResult> {
  const startedAt = Date.now();
  const { idempotency_key: idempotencyKey, confirmation, ...input } = call.args;
  const record = {
    tool: call.tool,
    argumentsHash: argumentsHash(input),
    startedAt,
    requestId: call.requestId,
  };
  const tenant = forOrg(db.app, caller.orgId);
  const audited = (tx: OrgTransaction, outcome: CallOutcome, result: CallToolResult, confirmed?: string) =>
    auditToolCall(tx, caller, { ...record, outcome, ...(confirmed && { confirmation: confirmed }) }).then(
      () => result,
    );
  const refuse = (result: CallToolResult) => tenant.transaction((tx) => audited(tx, 'error', result));
  if (!callerCan(caller, 'tools.run'))
    return refuse(failure(`${call.tool}: your role lacks tools.run in this org; ask an org admin`));
  const parsed = TOOL_CATALOG[call.tool].input.safeParse(input);
  if (!parsed.success) return refuse(invalidArguments(call.tool, parsed.error));
  try {
    return await tenant.transaction(async (tx) => {
      const status = (await listToolAvailability(tx)).find((entry) => entry.tool === call.tool);
      if (!status)
        return audited(
          tx,
          'unavailable',
          failure(`unavailable: ${call.tool} has no vendor connected for this org`),
        );
      if (!status.available)
        return audited(tx, 'unavailable', failure(status.reason ?? `unavailable: ${call.tool}`));
      if (isDestructive(call.tool)) {
        const check = await checkConfirmation(tx, caller, { ...record, confirmation });
        if (!check.confirmed) return audited(tx, check.outcome, check.result, check.confirmation);
      }
      const result = await runTool(tx, {
        tool: call.tool,
        input: parsed.data,
        idempotencyKey:
          typeof confirmation === 'string'
            ? `mcp-confirmed:${confirmation}`
            : typeof idempotencyKey === 'string'
              ? `mcp:${caller.actor}:${idempotencyKey}`
              : `mcp:${randomUUID()}`,
        actor:
          caller.kind === 'staff'
            ? { type: 'operator', id: caller.staff.user.id }
            : { type: 'tool', id: caller.key.caller },
        requestId: call.requestId,
        background: false,
      });
      const outcome = result.success ? 'ok' : result.error.code === 'rate_limited' ? 'rate_limited' : 'error';
      return audited(
        tx,
        outcome,
        structured(result, !result.success),
        typeof confirmation === 'string' ? confirmation : undefined,
      );
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return refuse(failure(error.message));
  }
}
