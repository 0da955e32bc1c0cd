import { isDomainError } from '@suite/contracts';
import { failureReason, type OrgScope } from '@suite/db';
import type { DeliveryView } from './webhook-delivery.schema';
import { markDeliveryFailed, processDelivery } from './webhook-delivery.service';

/**
 * Processes a stored delivery in its own transaction; when that fails, a second transaction keeps it in
 * the replay queue with the reason. Used after the 2xx and by replays, so a failure never loses it.
 */
export async function processOrKeep(org: OrgScope, deliveryId: string): Promise<DeliveryView> {
  try {
    return await org.transaction((tx) => processDelivery(tx, deliveryId));
  } catch (error) {
    if (isDomainError(error)) throw error;
    return org.transaction((tx) => markDeliveryFailed(tx, deliveryId, failureReason(error)));
  }
}
