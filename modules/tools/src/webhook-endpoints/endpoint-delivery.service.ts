import type { OrgTransaction } from '@suite/db';
import { tellOwners } from '../health/owner-notice.service';

/** Svix-like: immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h. */
export const RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
] as const;
/** An endpoint failing this long without a success is disabled and its org's owners are told. */
export const DISABLE_AFTER_MS = 5 * 24 * 60 * 60_000;
/** How long a claimed message is left to its sender before another process may try it. */
export const CLAIM_MS = 60_000;

export interface ClaimedMessage {
  readonly id: string;
  readonly endpointId: string;
  readonly url: string;
  readonly body: string;
  readonly attempts: number;
}

export interface AttemptResult {
  readonly status: number | null;
  readonly latencyMs: number;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
  /** From the endpoint's Retry-After, when it sent one. */
  readonly retryAfterMs: number | null;
}

/**
 * Up to `limit` of the endpoint's due messages, claimed for CLAIM_MS in one statement, oldest first: each
 * the oldest pending message of its key, so a batch holds one message per key and each key is delivered
 * in order while other keys go on. `SKIP LOCKED` lets processes share the work.
 */
export async function claimDueMessages(
  tx: OrgTransaction,
  endpointId: string,
  limit: number,
  now = new Date(),
): Promise<ClaimedMessage[]> {
  const rows = await tx.$queryRaw<{ id: string; url: string; body: string; attempts: number; seq: bigint }[]>`
    WITH due AS (
      SELECT m.id FROM tools.webhook_message m
        JOIN tools.webhook_endpoint e ON e.id = m.endpoint_id AND e.status = 'enabled'
       WHERE m.endpoint_id = ${endpointId}::uuid AND m.status = 'pending' AND m.next_attempt_at <= ${now}
         AND m.body IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM tools.webhook_message earlier
                          WHERE earlier.endpoint_id = m.endpoint_id AND earlier.key = m.key
                            AND earlier.status = 'pending' AND earlier.seq < m.seq)
       ORDER BY m.seq
       LIMIT ${limit}
         FOR UPDATE OF m SKIP LOCKED
    )
    UPDATE tools.webhook_message m SET next_attempt_at = ${new Date(now.getTime() + CLAIM_MS)}
      FROM due, tools.webhook_endpoint e
     WHERE m.id = due.id AND e.id = m.endpoint_id
    RETURNING m.id, e.url, m.body, m.attempts, m.seq`;
  return rows
    .toSorted((a, b) => (a.seq < b.seq ? -1 : 1))
    .map((row) => ({ id: row.id, endpointId, url: row.url, body: row.body, attempts: row.attempts }));
}

/**
 * Logs one attempt and decides what follows: a 2xx delivers; 410 Gone disables the endpoint; anything
 * else retries on the schedule (later if Retry-After asks), gives up after the last retry, and an
 * endpoint failing for 5 days is disabled with a notice to the org's owners.
 */
export async function recordAttempt(
  tx: OrgTransaction,
  message: ClaimedMessage,
  result: AttemptResult,
  now = new Date(),
): Promise<'delivered' | 'retry' | 'failed' | 'disabled'> {
  await tx.toolsWebhookAttempt.create({
    data: {
      messageId: message.id,
      endpointId: message.endpointId,
      attemptedAt: now,
      status: result.status,
      latencyMs: result.latencyMs,
      responseExcerpt: result.responseExcerpt,
      error: result.error,
    },
  });
  const attempts = message.attempts + 1;
  if (result.status !== null && result.status >= 200 && result.status < 300) {
    await tx.toolsWebhookMessage.update({
      where: { id: message.id },
      data: { status: 'delivered', attempts, deliveredAt: now },
    });
    // Only a failing endpoint is written: deliveries of one batch do not queue on the endpoint's row.
    await tx.toolsWebhookEndpoint.updateMany({
      where: { id: message.endpointId, failingSince: { not: null } },
      data: { failingSince: null },
    });
    return 'delivered';
  }
  const endpoint = await tx.toolsWebhookEndpoint.findFirstOrThrow({ where: { id: message.endpointId } });
  const failingSince = endpoint.failingSince ?? now;
  const gone = result.status === 410;
  const tooLong = now.getTime() - failingSince.getTime() >= DISABLE_AFTER_MS;
  if (gone || tooLong) {
    await tx.toolsWebhookEndpoint.update({
      where: { id: endpoint.id },
      data: {
        status: 'disabled',
        failingSince,
        disabledReason: gone
          ? 'the endpoint answered 410 Gone'
          : 'the endpoint failed every delivery for 5 days',
      },
    });
    await tx.toolsWebhookMessage.update({
      where: { id: message.id },
      data: { attempts, nextAttemptAt: now },
    });
    if (tooLong) await noticeOwners(tx, endpoint.url);
    return 'disabled';
  }
  await tx.toolsWebhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince } });
  const delay = RETRY_DELAYS_MS[attempts - 1];
  if (delay === undefined) {
    await tx.toolsWebhookMessage.update({ where: { id: message.id }, data: { status: 'failed', attempts } });
    return 'failed';
  }
  const wait = Math.max(delay, result.retryAfterMs ?? 0);
  await tx.toolsWebhookMessage.update({
    where: { id: message.id },
    data: { attempts, nextAttemptAt: new Date(now.getTime() + wait) },
  });
  return 'retry';
}

async function noticeOwners(tx: OrgTransaction, url: string): Promise<void> {
  await tellOwners(tx, {
    connectionId: null,
    title: 'A webhook endpoint was disabled',
    body: `Every delivery to ${url} failed for 5 days, so it was disabled. Fix the receiver, then enable it again under Settings → Webhook endpoints; messages from then on are delivered.`,
  });
}

/** Message bodies are kept this long; the attempts (status, latency, excerpt) stay in the log. */
export const PAYLOAD_RETENTION_MS = 30 * 24 * 60 * 60_000;

/**
 * Clears the bodies of messages older than 30 days. One still pending then (its endpoint disabled for
 * a month) is given up first: a drain never claims a message without a body.
 */
export async function clearOldPayloads(tx: OrgTransaction, now = new Date()): Promise<number> {
  const old = { createdAt: { lt: new Date(now.getTime() - PAYLOAD_RETENTION_MS) } };
  await tx.toolsWebhookMessage.updateMany({
    where: { ...old, status: 'pending' },
    data: { status: 'failed' },
  });
  const cleared = await tx.toolsWebhookMessage.updateMany({
    where: { ...old, body: { not: null } },
    data: { body: null },
  });
  return cleared.count;
}
