import type { OrgTransaction } from '@suite/db';
import { z } from 'zod';
import { offers, PROVIDERS } from '../providers/provider-registry';
import { CAPABILITY_NAMES, type CapabilityName } from '../tools/tool-catalog';
import { inboundWebhookFor } from '../webhooks/inbound-webhook-registry';
import type { ConnectionView } from './connection.schema';

/** The fields of a provider's credential or settings schema, for the connect form. */
function fieldsOf(schema: z.ZodType): { name: string; required: boolean }[] {
  // Settings that derive values (Salesforce's login host from its environment) are a pipe from the form.
  if (schema instanceof z.ZodPipe) return fieldsOf(schema.in as z.ZodType);
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => ({
    name,
    required: !field.safeParse(undefined).success,
  }));
}

const latest = (...moments: (Date | null | undefined)[]) =>
  moments.reduce<Date | null>((last, at) => (at && (!last || at > last) ? at : last), null);

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
      tools: CAPABILITY_NAMES.filter((tool) => offers(provider, tool)),
      connectionId: row?.id ?? null,
      health: row?.health ?? 'not_connected',
      healthReason: row?.healthReason ?? null,
      healthChangedAt: row?.healthChangedAt.toISOString() ?? null,
      verifiedAt: row?.verifiedAt?.toISOString() ?? null,
      webhookUrl: row && inboundWebhookFor(provider.id) ? `/tools/webhooks/${provider.id}/${row.id}` : null,
      hasWebhookSecret: kinds.includes('webhook_secret'),
      lastCheckAt: latest(row?.lastSuccessAt, row?.lastFailureAt, row?.verifiedAt)?.toISOString() ?? null,
      whereToFind: provider.whereToFind,
      credentialFields: fieldsOf(provider.credential).map((field) => field.name),
      settingFields: fieldsOf(provider.settings),
    };
  });
}

/** The vendor the org chose for each tool (null: its one connected vendor runs it). */
export async function listVendorChoices(
  tx: OrgTransaction,
): Promise<{ tool: CapabilityName; provider: string | null }[]> {
  const choices = await tx.toolsVendorChoice.findMany();
  return CAPABILITY_NAMES.map((tool) => ({
    tool,
    provider: choices.find((choice) => choice.tool === tool)?.provider ?? null,
  }));
}
