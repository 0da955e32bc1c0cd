import { publishMany } from '@suite/bus';
import { conflict, found, type ModuleHttpRequest } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { connectionById } from '../connections/connection.service';
import { recordOutcome } from '../health/connection-health.service';
import { withSentSubjects } from '../sent-emails/sent-email.service';
import { decryptCredential } from '../vault/credential.service';
import { type InboundWebhook, WebhookRefusal } from './inbound-webhook';
import { inboundWebhookFor } from './inbound-webhook-registry';
import type { DeliveryListInput, DeliveryView } from './webhook-delivery.schema';
import { toDeliveryView } from './webhook-delivery.view';

export type ReceiveResult =
  | { readonly outcome: 'refused'; readonly status: 400 | 401; readonly reason: string }
  | { readonly outcome: 'stored'; readonly deliveryId: string; readonly duplicate: boolean };

/** The connection's signing secret from the vault (audited like every decrypt), or undefined. */
async function signingSecret(
  tx: OrgTransaction,
  connection: { orgId: string; id: string },
  webhook: InboundWebhook,
  requestId: string,
): Promise<string | undefined> {
  const stored = (await decryptCredential(
    tx,
    { orgId: connection.orgId, connectionId: connection.id, kind: webhook.secret.kind },
    { actorType: 'system', actorId: `webhook:${webhook.provider}`, purpose: 'webhook_verify', requestId },
  )) as Record<string, unknown> | undefined;
  const value = stored?.[webhook.secret.kind === 'webhook_secret' ? 'signingSecret' : webhook.secret.field];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Verifies one inbound delivery with the connection's secret and stores it raw, once per vendor event
 * id. A refusal counts toward the connection's health and stores nothing (the body is not kept).
 */
export async function receiveWebhook(
  tx: OrgTransaction,
  input: { connectionId: string; webhook: InboundWebhook; request: ModuleHttpRequest },
  now = new Date(),
): Promise<ReceiveResult> {
  const { webhook, request } = input;
  const connection = await connectionById(tx, input.connectionId);
  let eventId: string;
  try {
    const secret = await signingSecret(tx, connection, webhook, request.requestId);
    if (secret === undefined)
      throw new WebhookRefusal(
        401,
        'no signing secret is saved for this connection; save it under Settings → Integrations',
      );
    ({ eventId } = await webhook.verify(request, secret, now));
  } catch (error) {
    if (!(error instanceof WebhookRefusal)) throw error;
    await recordOutcome(tx, connection, 'webhook_refused', `inbound webhook refused: ${error.message}`, now);
    return { outcome: 'refused', status: error.status, reason: error.message };
  }
  const stored = await tx.toolsWebhookDelivery.createMany({
    data: [
      {
        connectionId: connection.id,
        provider: webhook.provider,
        eventId,
        contentType: request.headers['content-type'] ?? null,
        body: request.rawBody.toString('utf8'),
        receivedAt: now,
      },
    ],
    skipDuplicates: true,
  });
  const row = await tx.toolsWebhookDelivery.findFirstOrThrow({
    where: { connectionId: connection.id, eventId },
  });
  return { outcome: 'stored', deliveryId: row.id, duplicate: stored.count === 0 };
}

/**
 * Normalises a stored delivery and publishes its events through the outbox, once: a processed
 * delivery is left alone, so a duplicate or a second replay publishes nothing.
 */
export async function processDelivery(tx: OrgTransaction, deliveryId: string): Promise<DeliveryView> {
  // The update takes the row lock: two processors of one delivery run one after the other.
  const claimed = await tx.toolsWebhookDelivery.updateMany({
    where: { id: deliveryId, status: { not: 'processed' } },
    data: { attempts: { increment: 1 } },
  });
  const row = found(
    await tx.toolsWebhookDelivery.findFirst({ where: { id: deliveryId } }),
    'webhook delivery',
  );
  if (claimed.count === 0) return toDeliveryView(row);
  const webhook = inboundWebhookFor(row.provider);
  if (!webhook)
    throw conflict(`webhook delivery ${deliveryId}: the suite no longer reads ${row.provider} webhooks`);
  const normalised = await webhook.normalise(row);
  const events = await withSentSubjects(tx, normalised);
  await publishMany(tx, events);
  const processed = await tx.toolsWebhookDelivery.update({
    where: { id: deliveryId },
    data: {
      status: 'processed',
      processedAt: new Date(),
      error: null,
      published: events.map((event) => event.type),
    },
  });
  return toDeliveryView(processed);
}

/** Keeps a delivery whose processing failed in the replay queue, with a one-line reason. */
export async function markDeliveryFailed(
  tx: OrgTransaction,
  deliveryId: string,
  reason: string,
): Promise<DeliveryView> {
  const row = await tx.toolsWebhookDelivery.update({
    where: { id: deliveryId },
    data: { status: 'failed', error: reason, attempts: { increment: 1 } },
  });
  return toDeliveryView(row);
}

export async function listDeliveries(tx: OrgTransaction, input: DeliveryListInput): Promise<DeliveryView[]> {
  const rows = await tx.toolsWebhookDelivery.findMany({
    where: input.status ? { status: input.status } : {},
    orderBy: { receivedAt: 'desc' },
    take: 200,
  });
  return rows.map(toDeliveryView);
}
