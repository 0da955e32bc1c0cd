import type { OrgTransaction } from '@suite/db';
import type { EndpointView } from './endpoint.schema';

type EndpointRow = NonNullable<Awaited<ReturnType<OrgTransaction['toolsWebhookEndpoint']['findFirst']>>>;

export function toEndpointView(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes,
    status: row.status,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
