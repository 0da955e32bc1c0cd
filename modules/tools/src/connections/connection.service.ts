import { conflict, found, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { ProviderDefinition } from '../providers/provider-definition';
import { offers, providerById, providersFor } from '../providers/provider-registry';
import { CAPABILITIES, type CapabilityName } from '../tools/tool-catalog';

export type Connection = NonNullable<Awaited<ReturnType<OrgTransaction['toolsConnection']['findFirst']>>>;

export async function connectionOf(tx: OrgTransaction, provider: string): Promise<Connection | null> {
  return tx.toolsConnection.findFirst({ where: { provider } });
}

export async function connectionById(tx: OrgTransaction, id: string): Promise<Connection> {
  return found(await tx.toolsConnection.findFirst({ where: { id } }), 'connection');
}

/** Which of the org's connections runs `tool`, or why none does (a pure choice, no I/O). */
export type ConnectionPick =
  | { readonly connection: Connection }
  | { readonly problem: 'not_connected' | 'ambiguous'; readonly message: string };

/** The providers that may run `tool` for an org: its choice, else every vendor of the tool. */
export function candidateProviders(tool: CapabilityName, choice: string | undefined): string[] {
  return choice ? [choice] : providersFor(tool).map((provider) => provider.id);
}

export function pickConnection(
  tool: CapabilityName,
  chosenProvider: string | undefined,
  connections: readonly Connection[],
): ConnectionPick {
  const candidates = candidateProviders(tool, chosenProvider);
  const connected = connections
    .filter((connection) => candidates.includes(connection.provider) && connection.health !== 'not_connected')
    .toSorted((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const [connection] = connected;
  const kind = CAPABILITIES[tool].vendorKind;
  if (!connection)
    return {
      problem: 'not_connected',
      message: chosenProvider
        ? `${tool}: the chosen ${kind} vendor (${providerById(chosenProvider).name}) is not connected for this org; connect it or choose another`
        : `${tool}: no ${kind} vendor connected for this org; connect one under Settings → Integrations`,
    };
  if (!chosenProvider && connected.length > 1)
    return {
      problem: 'ambiguous',
      message: `${tool}: ${connected.length} ${kind} vendors are connected (${connected.map((c) => c.provider).join(', ')}); choose one for this tool`,
    };
  return { connection };
}

/**
 * The connection that runs `tool` for the org: the vendor it chose, else its one connected vendor for
 * the tool. No vendor connected is a named error, never a crash.
 */
export async function connectionForTool(
  tx: OrgTransaction,
  tool: CapabilityName,
): Promise<{ connection: Connection; provider: ProviderDefinition }> {
  const choice = await tx.toolsVendorChoice.findFirst({ where: { tool } });
  const connections = await tx.toolsConnection.findMany({
    where: { provider: { in: candidateProviders(tool, choice?.provider) } },
  });
  return chosenConnection(tool, choice?.provider, connections);
}

/** `pickConnection`, with no connection (or an ambiguous one) as the named conflict. */
export function chosenConnection(
  tool: CapabilityName,
  chosenProvider: string | undefined,
  connections: readonly Connection[],
): { connection: Connection; provider: ProviderDefinition } {
  const pick = pickConnection(tool, chosenProvider, connections);
  if ('problem' in pick) throw conflict(pick.message);
  return { connection: pick.connection, provider: providerById(pick.connection.provider) };
}

export async function chooseVendor(
  tx: OrgTransaction,
  tool: CapabilityName,
  providerId: string,
): Promise<void> {
  const provider = providerById(providerId);
  if (!offers(provider, tool))
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
