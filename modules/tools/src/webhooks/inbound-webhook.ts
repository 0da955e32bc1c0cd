import type { PublishInput } from '@suite/bus';
import type {
  ModuleHttpRequest,
  toolsCallRecordingCompleted,
  toolsCallStatusChanged,
  toolsContractSigned,
  toolsEmailStatusChanged,
  toolsPaymentSucceeded,
  toolsSmsReceived,
} from '@suite/contracts';

/** The normalised events an inbound webhook may publish (contracts/src/events/tools.ts). */
export type InboundEvent = PublishInput<
  | typeof toolsPaymentSucceeded
  | typeof toolsContractSigned
  | typeof toolsSmsReceived
  | typeof toolsCallStatusChanged
  | typeof toolsCallRecordingCompleted
  | typeof toolsEmailStatusChanged
>;

/** A refused delivery: 400 when the signature is missing or the body unreadable, 401 when it does not verify. */
export class WebhookRefusal extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRefusal';
  }
}

/** A stored delivery as normalisers read it again (first time or on replay). */
export interface StoredDelivery {
  readonly connectionId: string;
  readonly provider: string;
  readonly contentType: string | null;
  readonly body: string;
  readonly receivedAt: Date;
}

/**
 * One vendor's inbound webhooks: where its signing secret lives, its real verification scheme, and how
 * its payloads become the suite's events. `verify` throws WebhookRefusal; it returns the vendor's id for
 * the event, by which redeliveries are recognised.
 */
export interface InboundWebhook {
  readonly provider: string;
  /** `webhook_secret`: the secret saved for webhooks; otherwise the field of the API credential that signs. */
  readonly secret: { readonly kind: 'webhook_secret' } | { readonly kind: 'api_key'; readonly field: string };
  verify(request: ModuleHttpRequest, secret: string, now: Date): Promise<{ eventId: string }>;
  normalise(delivery: StoredDelivery): Promise<InboundEvent[]>;
  /** What the vendor expects back (Dropbox Sign wants a fixed text); JSON `{ received: true }` otherwise. */
  readonly reply?: { readonly contentType: string; readonly body: string };
}

export function defineInboundWebhook(webhook: InboundWebhook): InboundWebhook {
  return webhook;
}
