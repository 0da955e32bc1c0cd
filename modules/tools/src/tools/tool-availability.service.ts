import { invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { pickConnection } from '../connections/connection.service';
import { providerById } from '../providers/provider-registry';
import { TOOL_NAMES, type ToolName, toolName } from './tool-catalog';

/** Whether the org can run a tool now; tools with no vendor connected are left out. */
export interface ToolAvailability {
  readonly tool: ToolName;
  readonly available: boolean;
  /** Why not, for a person to act on ("unavailable: reconnect Twilio — …"); null when available. */
  readonly reason: string | null;
}

/**
 * The org's tools as an assistant may see them: a connected vendor makes a tool available, one in
 * Error or an unresolved choice between vendors lists it as unavailable with the reason.
 */
export async function listToolAvailability(tx: OrgTransaction): Promise<ToolAvailability[]> {
  const choices = await tx.toolsVendorChoice.findMany();
  const connections = await tx.toolsConnection.findMany();
  return TOOL_NAMES.flatMap((tool): ToolAvailability[] => {
    const pick = pickConnection(tool, choices.find((choice) => choice.tool === tool)?.provider, connections);
    if ('problem' in pick)
      return pick.problem === 'ambiguous'
        ? [{ tool, available: false, reason: `unavailable: ${pick.message}` }]
        : [];
    const { connection } = pick;
    if (connection.health !== 'error') return [{ tool, available: true, reason: null }];
    const why = connection.healthReason ? ` (${connection.healthReason})` : '';
    return [
      {
        tool,
        available: false,
        reason: `unavailable: reconnect ${providerById(connection.provider).name} under Settings → Integrations${why}`,
      },
    ];
  });
}

/** One tool's availability for a sister product (the Portal's Pay Now asks about `charge_card`). */
export async function toolAvailabilityOf(
  tx: OrgTransaction,
  { tool }: { readonly tool: string },
): Promise<{ available: boolean; reason: string | null }> {
  const name = toolName.safeParse(tool);
  if (!name.success)
    throw invalid(`unknown tool "${tool}"; expected one of ${toolName.options.join(', ')}`, 'tool');
  const found = (await listToolAvailability(tx)).find((entry) => entry.tool === name.data);
  return found ? { available: found.available, reason: found.reason } : { available: false, reason: null };
}
