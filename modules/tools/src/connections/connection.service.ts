import { conflict, found, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { ProviderDefinition } from '../providers/provider-definition';
import { providerById, providersFor } from '../providers/provider-registry';
import { TOOL_CATALOG, type ToolName } from '../tools/tool-catalog';

export type Connection = NonNullable<Awaited<ReturnType<OrgTransaction['toolsConnection']['findFirst']>>>;

export async function connectionOf(tx: OrgTransaction, provider: string): Promise<Connection | null> {
  return tx.toolsConnection.findFirst({ where: { provider } });
}

export async function connectionById(tx: OrgTransaction, id: string): Promise<Connection> {
  return found(await tx.toolsConnection.findFirst({ where: { id } }), 'connection');
}

/**
 * The connection that runs `tool` for the org: the vendor it chose, else its one connected vendor for
 * the tool. No vendor connected is a named error, never a crash.
 */
export async function connectionForTool(
  tx: OrgTransaction,
  tool: ToolName,
): Promise<{ connection: Connection; provider: ProviderDefinition }> {
  const choice = await tx.toolsVendorChoice.findFirst({ where: { tool } });
  const connections = await tx.toolsConnection.findMany({
    where: { provider: { in: candidateProviders(tool, choice?.provider) }, health: { not: 'not_connected' } },
    orderBy: { createdAt: 'asc' },
  });
  return pickConnection(tool, choice?.provider, connections);
}

/** The providers that may run `tool` for an org: its choice, else every vendor of the tool. */
export function candidateProviders(tool: ToolName, choice: string | undefined): string[] {
  return choice ? [choice] : providersFor(tool).map((provider) => provider.id);
}

/** Picks from the org's live connections of the candidate providers, oldest first. */
export function pickConnection(
  tool: ToolName,
  choice: string | undefined,
  connections: readonly Connection[],
): { connection: Connection; provider: ProviderDefinition } {
  const [connection] = connections;
  const kind = TOOL_CATALOG[tool].vendorKind;
  if (!connection)
    throw conflict(
      choice
        ? `${tool}: the chosen ${kind} vendor (${providerById(choice).name}) is not connected for this org; connect it or choose another`
        : `${tool}: no ${kind} vendor connected for this org; connect one under Settings → Integrations`,
    );
  if (!choice && connections.length > 1)
    throw conflict(
      `${tool}: ${connections.length} ${kind} vendors are connected (${connections.map((c) => c.provider).join(', ')}); choose one for this tool`,
    );
  return { connection, provider: providerById(connection.provider) };
}

export async function chooseVendor(tx: OrgTransaction, tool: ToolName, providerId: string): Promise<void> {
  const provider = providerById(providerId);
  if (!provider.tools[tool])
    throw invalid(
      `${provider.name} does not run ${tool}; expected one of ${providersFor(tool)
        .map((p) => p.id)
        .join(', ')}`,
      'provider',
    );
  const existing = await tx.toolsVendorChoice.findFirst({ where: { tool } });
  if (existing) await tx.toolsVendorChoice.updateMany({ where: { tool }, data: { provider: providerId } });
  else await tx.toolsVendorChoice.create({ data: { tool, provider: providerId } });
}
