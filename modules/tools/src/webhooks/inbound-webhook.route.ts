import type { ModuleHttpReply, ModuleRoute } from '@suite/contracts';
import { type Database, forOrg } from '@suite/db';
import { processOrKeep } from './delivery-processing';
import { inboundWebhookFor } from './inbound-webhook-registry';
import { receiveWebhook } from './webhook-delivery.service';

export interface WebhookRouteContext {
  readonly db: Database;
  readonly log: {
    warn(fields: Record<string, unknown>, message: string): void;
    error(fields: Record<string, unknown>, message: string): void;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function json(status: number, body: Record<string, unknown>): ModuleHttpReply {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/**
 * `POST /tools/webhooks/<vendor>/<connection id>`: verify with the connection's secret, store raw
 * (deduplicated by the vendor's event id), answer 2xx, then normalise and publish. A processing failure
 * still answers 2xx: the delivery is kept for `suite tools webhooks replay`.
 */
export const inboundWebhookRoute: ModuleRoute = {
  method: 'POST',
  path: '/tools/webhooks/:vendor/:connectionId',
  async handle(request, { db, log }: WebhookRouteContext) {
    const { vendor = '', connectionId = '' } = request.params;
    const webhook = inboundWebhookFor(vendor);
    // The org is not known before the connection is: the system role reads just its org and vendor.
    const target = UUID.test(connectionId)
      ? await db.system.toolsConnection.findFirst({
          where: { id: connectionId },
          select: { orgId: true, provider: true },
        })
      : null;
    if (!webhook || !target || target.provider !== vendor)
      return json(404, {
        code: 'NOT_FOUND',
        message: `no ${vendor} connection ${connectionId} takes webhooks here; copy the webhook URL from Settings → Integrations`,
        requestId: request.requestId,
      });
    const org = forOrg(db.app, target.orgId);
    const result = await org.transaction((tx) => receiveWebhook(tx, { connectionId, webhook, request }));
    if (result.outcome === 'refused') {
      log.warn(
        { connectionId, provider: vendor, status: result.status, reason: result.reason },
        'inbound webhook refused',
      );
      return json(result.status, {
        code: result.status === 400 ? 'BAD_REQUEST' : 'UNAUTHORIZED',
        message: result.reason,
        requestId: request.requestId,
      });
    }
    const delivery = await processOrKeep(org, result.deliveryId);
    if (delivery.status === 'failed')
      log.error(
        { connectionId, provider: vendor, deliveryId: delivery.id, reason: delivery.error },
        'inbound webhook kept for replay',
      );
    return webhook.reply
      ? { status: 200, ...webhook.reply }
      : json(200, { received: true, duplicate: result.duplicate });
  },
};
