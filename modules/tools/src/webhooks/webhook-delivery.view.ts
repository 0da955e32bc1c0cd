import type { OrgTransaction } from '@suite/db';
import type { DeliveryView } from './webhook-delivery.schema';

type DeliveryRow = NonNullable<Awaited<ReturnType<OrgTransaction['toolsWebhookDelivery']['findFirst']>>>;

export function toDeliveryView(row: DeliveryRow): DeliveryView {
  return {
    id: row.id,
    connectionId: row.connectionId,
    provider: row.provider,
    eventId: row.eventId,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    published: row.published,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
  };
}
