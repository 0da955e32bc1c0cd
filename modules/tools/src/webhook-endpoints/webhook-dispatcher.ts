import { type Database, forOrg } from '@suite/db';
import { endpointSecrets } from './endpoint.service';
import { type AddressPolicy, addressPolicy, checkEndpointUrl } from './endpoint-address';
import {
  type AttemptResult,
  type ClaimedMessage,
  claimDueMessages,
  recordAttempt,
} from './endpoint-delivery.service';
import { standardWebhookHeaders } from './standard-webhook-signature';

export const DELIVERY_TIMEOUT_MS = 10_000;
/** Responses are read up to this size; the log keeps the first EXCERPT_CHARS characters. */
const RESPONSE_CAP_BYTES = 64 * 1024;
const EXCERPT_CHARS = 500;
/** Messages a drain keeps in flight at once (each of a different key). */
export const DRAIN_BATCH = 32;

export interface DispatcherOptions {
  /** How often due messages are looked for. */
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  readonly policy?: AddressPolicy;
  /** A round that failed (the database away); the next round tries again. */
  readonly onError?: (error: unknown) => void;
}

export interface WebhookDispatcher {
  /** Starts a drain for each endpoint with due messages that has none running; resolves when those end. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < RESPONSE_CAP_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).toString('utf8', 0, Math.min(size, RESPONSE_CAP_BYTES));
}

function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** One POST with the Standard Webhooks headers; never throws, the outcome is the attempt's log line. */
export async function sendMessage(
  message: ClaimedMessage,
  secrets: readonly string[],
  options: { timeoutMs: number; policy: AddressPolicy },
): Promise<AttemptResult> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  try {
    await checkEndpointUrl(message.url, options.policy);
    const response = await fetch(message.url, {
      method: 'POST',
      headers: standardWebhookHeaders(secrets, message.id, new Date(), message.body),
      body: message.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    const text = await readCapped(response);
    return {
      status: response.status,
      latencyMs: elapsed(),
      responseExcerpt: text.slice(0, EXCERPT_CHARS) || null,
      error: null,
      retryAfterMs: retryAfterMs(response.headers.get('retry-after'), Date.now()),
    };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      status: null,
      latencyMs: elapsed(),
      responseExcerpt: null,
      error: timedOut
        ? `no answer within ${options.timeoutMs / 1000} s`
        : error instanceof Error
          ? error.message
          : String(error),
      retryAfterMs: null,
    };
  }
}

/**
 * Delivers outbound webhooks. Each endpoint is drained on its own, so a slow or hanging endpoint only
 * ever delays itself. A drain keeps up to DRAIN_BATCH messages in flight, one per key (a key's next
 * message is claimed only once its previous one is logged), so keys go side by side, each in order, and
 * a hanging key holds only itself. Each round logs the attempts that finished and claims into the free
 * room in one transaction, a commit per round rather than two per message (decision 0095). Claims make
 * concurrent processes safe.
 */
export function startWebhookDispatcher(db: Database, options: DispatcherOptions = {}): WebhookDispatcher {
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const policy = options.policy ?? addressPolicy();
  const draining = new Map<string, Promise<void>>();
  let stopped = false;

  async function drain(orgId: string, endpointId: string): Promise<void> {
    const org = forOrg(db.app, orgId);
    const inFlight = new Map<string, Promise<void>>();
    const finished: { message: ClaimedMessage; result: AttemptResult }[] = [];
    for (;;) {
      const done = finished.splice(0);
      // Once stopped, nothing new is claimed; what is in flight is still logged.
      const room = stopped ? 0 : DRAIN_BATCH - inFlight.size;
      const claimed =
        done.length === 0 && room === 0
          ? undefined
          : await org.transaction(async (tx) => {
              for (const { message, result } of done) await recordAttempt(tx, message, result);
              const messages = room > 0 ? await claimDueMessages(tx, endpointId, room) : [];
              return messages.length > 0
                ? { messages, secrets: await endpointSecrets(tx, endpointId) }
                : undefined;
            });
      for (const message of claimed?.messages ?? []) {
        const sent = sendMessage(message, claimed?.secrets ?? [], { timeoutMs, policy }).then((result) => {
          inFlight.delete(message.id);
          finished.push({ message, result });
        });
        inFlight.set(message.id, sent);
      }
      if (inFlight.size === 0 && finished.length === 0) return;
      if (inFlight.size > 0) await Promise.race(inFlight.values());
    }
  }

  async function runOnce(): Promise<void> {
    const due = await db.system.$queryRaw<{ org_id: string; endpoint_id: string }[]>`
      SELECT DISTINCT m.org_id, m.endpoint_id FROM tools.webhook_message m
        JOIN tools.webhook_endpoint e ON e.id = m.endpoint_id AND e.status = 'enabled'
       WHERE m.status = 'pending' AND m.next_attempt_at <= now()`;
    const started = due
      .filter(({ endpoint_id }) => !draining.has(endpoint_id))
      .map(({ org_id, endpoint_id }) => {
        const run = drain(org_id, endpoint_id).finally(() => draining.delete(endpoint_id));
        draining.set(endpoint_id, run);
        return run;
      });
    const ended = await Promise.allSettled(started);
    for (const end of ended) if (end.status === 'rejected') options.onError?.(end.reason);
  }

  const timer = setInterval(() => {
    if (!stopped) void runOnce().catch((error: unknown) => options.onError?.(error));
  }, options.pollMs ?? 1000);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.allSettled(draining.values());
    },
  };
}
