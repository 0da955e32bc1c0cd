import { randomUUID } from 'node:crypto';
import { conflict, eventCatalog, found, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { openCredential, sealCredential } from '../vault/credential.service';
import { requireKeyring } from '../vault/keyring';
import {
  type AttemptView,
  type EndpointCreateInput,
  type EndpointSecretView,
  type EndpointUpdateInput,
  type EndpointView,
  type EventTypeView,
  TEST_EVENT_TYPE,
} from './endpoint.schema';
import { toEndpointView } from './endpoint.view';
import { type AddressPolicy, addressPolicy, checkEndpointUrl } from './endpoint-address';
import { newWebhookSecret } from './standard-webhook-signature';
import { webhookSettings } from './webhook-settings';

/** After a rotation the old secret keeps signing this long, so receivers can switch over. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60_000;

const secretAddress = (orgId: string, endpointId: string) => ({
  orgId,
  connectionId: endpointId,
  kind: 'webhook_secret' as const,
  label: 'outbound-endpoint',
});

async function addSecret(tx: OrgTransaction, orgId: string, endpointId: string): Promise<string> {
  const secret = newWebhookSecret();
  const sealed = sealCredential(requireKeyring(), secretAddress(orgId, endpointId), { secret });
  await tx.toolsWebhookEndpointSecret.create({ data: { endpointId, ...sealed } });
  return secret;
}

function checkEventTypes(types: readonly string[]): string[] {
  const unknown = types.filter(
    (type) => type !== TEST_EVENT_TYPE && !eventCatalog.definitions.some((d) => d.type === type),
  );
  if (unknown.length)
    throw invalid(
      `eventTypes: ${unknown.join(', ')} is not in the event catalog (docs/asyncapi.yaml)`,
      'eventTypes',
    );
  return [...new Set(types)];
}

/** The event types an endpoint may pick: the catalog's, each once (its newest version describes it). */
export function listEventTypes(): EventTypeView[] {
  const seen = new Map<string, EventTypeView>();
  for (const { type, version, description } of eventCatalog.definitions)
    if (eventCatalog.find(type)?.version === version) seen.set(type, { type, description });
  return [...seen.values()].sort((a, b) => a.type.localeCompare(b.type));
}

export async function createEndpoint(
  tx: OrgTransaction,
  input: EndpointCreateInput,
  policy: AddressPolicy = addressPolicy(),
): Promise<EndpointSecretView> {
  const url = await checkEndpointUrl(input.url, policy);
  const eventTypes = checkEventTypes(input.eventTypes);
  const limit = webhookSettings().endpointsPerOrg;
  if ((await tx.toolsWebhookEndpoint.count()) >= limit)
    throw conflict(`this org already has ${limit} webhook endpoints; delete one before adding another`);
  const row = await tx.toolsWebhookEndpoint.create({ data: { url: url.toString(), eventTypes } });
  return { endpoint: toEndpointView(row), secret: await addSecret(tx, row.orgId, row.id) };
}

export async function listEndpoints(tx: OrgTransaction): Promise<EndpointView[]> {
  const rows = await tx.toolsWebhookEndpoint.findMany({ orderBy: { createdAt: 'asc' } });
  return rows.map(toEndpointView);
}

async function endpointRow(tx: OrgTransaction, endpointId: string) {
  return found(await tx.toolsWebhookEndpoint.findFirst({ where: { id: endpointId } }), 'webhook endpoint');
}

/** A new URL (checked as on create) or event types; the secret and pending messages stay. */
export async function updateEndpoint(
  tx: OrgTransaction,
  input: EndpointUpdateInput,
  policy: AddressPolicy = addressPolicy(),
): Promise<EndpointView> {
  await endpointRow(tx, input.endpointId);
  const url = input.url === undefined ? undefined : (await checkEndpointUrl(input.url, policy)).toString();
  const eventTypes = input.eventTypes && checkEventTypes(input.eventTypes);
  const row = await tx.toolsWebhookEndpoint.update({
    where: { id: input.endpointId },
    data: { url, eventTypes },
  });
  return toEndpointView(row);
}

/** A new secret signs from now; the old ones keep signing for a day (both signatures are sent). */
export async function rotateEndpointSecret(
  tx: OrgTransaction,
  input: { endpointId: string },
  now = new Date(),
): Promise<EndpointSecretView> {
  const row = await endpointRow(tx, input.endpointId);
  await tx.toolsWebhookEndpointSecret.updateMany({
    where: { endpointId: row.id, expiresAt: null },
    data: { expiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS) },
  });
  return { endpoint: toEndpointView(row), secret: await addSecret(tx, row.orgId, row.id) };
}

/** Enabling again starts afresh: the failure clock and the reason are cleared, pending messages go out. */
export async function setEndpointEnabled(
  tx: OrgTransaction,
  input: { endpointId: string; enabled: boolean },
): Promise<EndpointView> {
  await endpointRow(tx, input.endpointId);
  const row = await tx.toolsWebhookEndpoint.update({
    where: { id: input.endpointId },
    data: input.enabled
      ? { status: 'enabled', disabledReason: null, failingSince: null }
      : { status: 'disabled', disabledReason: 'disabled by staff' },
  });
  return toEndpointView(row);
}

export async function deleteEndpoint(tx: OrgTransaction, input: { endpointId: string }): Promise<void> {
  await endpointRow(tx, input.endpointId);
  await tx.toolsWebhookEndpoint.delete({ where: { id: input.endpointId } });
}

/** The Test button: a `webhook.test` message to this endpoint only, delivered like any other. */
export async function sendTestEvent(
  tx: OrgTransaction,
  input: { endpointId: string },
  now = new Date(),
): Promise<{ messageId: string }> {
  const row = await endpointRow(tx, input.endpointId);
  const message = await tx.toolsWebhookMessage.create({
    data: {
      endpointId: row.id,
      eventType: TEST_EVENT_TYPE,
      eventId: randomUUID(),
      key: row.id,
      body: JSON.stringify({
        type: TEST_EVENT_TYPE,
        timestamp: now.toISOString(),
        data: { endpointId: row.id, message: 'A test event from Settings → Webhook endpoints.' },
      }),
    },
  });
  return { messageId: message.id };
}

/** The endpoint's live secrets (the current one and any still in their rotation overlap). */
export async function endpointSecrets(
  tx: OrgTransaction,
  endpointId: string,
  now = new Date(),
): Promise<string[]> {
  const rows = await tx.toolsWebhookEndpointSecret.findMany({
    where: { endpointId, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map(
    (row) =>
      (openCredential(requireKeyring(), secretAddress(row.orgId, endpointId), row) as { secret: string })
        .secret,
  );
}

/** The delivery log of one endpoint, newest first. */
export async function listAttempts(
  tx: OrgTransaction,
  input: { endpointId: string },
): Promise<AttemptView[]> {
  await endpointRow(tx, input.endpointId);
  const rows = await tx.toolsWebhookAttempt.findMany({
    where: { endpointId: input.endpointId },
    orderBy: { attemptedAt: 'desc' },
    take: 100,
    include: { message: { select: { eventType: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    messageId: row.messageId,
    eventType: row.message.eventType,
    attemptedAt: row.attemptedAt.toISOString(),
    status: row.status,
    latencyMs: row.latencyMs,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
  }));
}

/**
 * A bus event becomes one message per enabled endpoint that picked its type, keyed by the event's
 * partition key (per-key order) and by its id (a redelivered event queues nothing twice).
 */
export async function enqueueEvent(
  tx: OrgTransaction,
  event: { id: string; type: string; time: string; partitionkey: string; data: unknown },
): Promise<number> {
  const endpoints = await tx.toolsWebhookEndpoint.findMany({
    where: { status: 'enabled', eventTypes: { has: event.type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return 0;
  const body = JSON.stringify({ type: event.type, timestamp: event.time, data: event.data });
  const queued = await tx.toolsWebhookMessage.createMany({
    data: endpoints.map((endpoint) => ({
      endpointId: endpoint.id,
      eventType: event.type,
      eventId: event.id,
      key: event.partitionkey,
      body,
    })),
    skipDuplicates: true,
  });
  return queued.count;
}
