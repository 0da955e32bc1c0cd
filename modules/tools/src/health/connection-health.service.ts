import { publish } from '@suite/bus';
import type { OrgTransaction } from '@suite/db';
import { type CallOutcome, nextHealth } from './health-rule';
import { notifyOwners } from './owner-notice.service';

export interface ConnectionRow {
  readonly id: string;
  readonly provider: string;
  readonly health: 'connected' | 'warning' | 'error' | 'not_connected';
  readonly failureStreak: number;
  readonly lastFailureAt: Date | null;
  readonly lastSuccessAt?: Date | null;
}

/** How stale `last_success_at` may get before a success on a healthy connection writes it again. */
export const LAST_SUCCESS_RESOLUTION_MS = 60_000;

/** A success on a healthy connection whose last success is recent would write nothing new (decision 0092). */
function nothingToWrite(connection: ConnectionRow, outcome: CallOutcome, now: Date): boolean {
  return (
    outcome === 'success' &&
    connection.health === 'connected' &&
    connection.failureStreak === 0 &&
    connection.lastSuccessAt != null &&
    now.getTime() - connection.lastSuccessAt.getTime() < LAST_SUCCESS_RESOLUTION_MS
  );
}

/**
 * Applies a call outcome to the connection (health-rule.ts). A change publishes
 * `tools.connection.health_changed`; entering Error also tells the org's owners.
 */
export async function recordOutcome(
  tx: OrgTransaction,
  connection: ConnectionRow,
  outcome: CallOutcome,
  reason: string | null,
  now = new Date(),
): Promise<ConnectionRow['health']> {
  if (nothingToWrite(connection, outcome, now)) return connection.health;
  const next = nextHealth(connection, outcome, now);
  const changed = next.health !== connection.health;
  const succeeded = outcome === 'success' || outcome === 'verified';
  await tx.toolsConnection.update({
    where: { id: connection.id },
    data: {
      health: next.health,
      failureStreak: next.failureStreak,
      lastFailureAt: next.lastFailureAt,
      ...(succeeded && { lastSuccessAt: now }),
      ...(outcome === 'verified' && { verifiedAt: now }),
      ...(changed && { healthChangedAt: now, healthReason: succeeded ? null : reason }),
      ...(!changed && !succeeded && outcome !== 'rejected' && { healthReason: reason }),
    },
  });
  if (!changed) return next.health;
  await publish(tx, {
    type: 'tools.connection.health_changed',
    data: {
      connectionId: connection.id,
      provider: connection.provider,
      health: next.health,
      previousHealth: connection.health,
      reason: succeeded ? null : reason,
      changedAt: now.toISOString(),
    },
  });
  // A first connect that fails verify was never working: nothing was paused, nobody needs an alert.
  if (next.health === 'error' && connection.health !== 'not_connected')
    await notifyOwners(tx, connection, reason ?? 'the vendor refused the call');
  return next.health;
}
