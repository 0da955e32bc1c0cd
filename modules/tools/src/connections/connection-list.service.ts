import type { OrgTransaction } from '@suite/db';
import { PROVIDERS } from '../providers/provider-registry';
import { TOOL_NAMES } from '../tools/tool-catalog';
import { inboundWebhookFor } from '../webhooks/inbound-webhook-registry';
import type { ConnectionView } from './connection.schema';

/** Every vendor with the org's connection and health; vendors never connected show Not connected. */
export async function listConnections(tx: OrgTransaction): Promise<ConnectionView[]> {
  const rows = await tx.toolsConnection.findMany({ include: { credentials: { select: { kind: true } } } });
  return PROVIDERS.map((provider) => {
    const row = rows.find((candidate) => candidate.provider === provider.id);
    const kinds = row?.credentials.map((credential) => credential.kind) ?? [];
    return {
      provider: provider.id,
      name: provider.name,
      authType: provider.authType,
      tools: TOOL_NAMES.filter((tool) => provider.tools[tool] !== undefined),
      connectionId: row?.id ?? null,
      health: row?.health ?? 'not_connected',
      healthReason: row?.healthReason ?? null,
      healthChangedAt: row?.healthChangedAt.toISOString() ?? null,
      verifiedAt: row?.verifiedAt?.toISOString() ?? null,
      webhookUrl: row && inboundWebhookFor(provider.id) ? `/tools/webhooks/${provider.id}/${row.id}` : null,
      hasWebhookSecret: kinds.includes('webhook_secret'),
    };
  });
}
