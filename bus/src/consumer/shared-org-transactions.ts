import type { AdvanceOffset } from './partition-pipeline';
import type { BusEvent } from './subscription';

/** Applies one org's events with the offset advances to write in the same transaction. */
export type ApplyTogether = (
  orgId: string,
  events: readonly BusEvent[],
  advances: readonly AdvanceOffset[],
) => Promise<void>;

export interface SharingLimits {
  /** Most events in one shared transaction (a batch larger on its own still goes whole). */
  readonly maxEvents: number;
  /** Transactions of one org at once; batches beyond wait and go together when one ends. */
  readonly inFlightPerOrg: number;
  /** The event whose handler an error of `apply` blames, if any. */
  culprit(error: unknown): string | undefined;
}

interface Part {
  readonly events: readonly BusEvent[];
  readonly advance: AdvanceOffset | undefined;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Lets the batches of several partitions of one org share a tenant transaction. Batches handed over in
 * the same event-loop turn (a log wake-up reads every partition in one statement; a Kafka fetch hands
 * over its partitions together) are spread over at most `inFlightPerOrg` transactions, so partitions
 * still apply side by side; batches arriving while that many run wait, and go together when one ends.
 * At moderate rates a relay batch spreads a few events over every partition, and a couple of
 * transactions for them all, instead of one each, save most of the consumer's statements and WAL
 * flushes. Each batch's outcome is the one it would have had alone: when a shared transaction fails,
 * the batch holding the blamed event fails with that error, and the others are applied again, each in
 * a transaction of its own.
 */
export class SharedOrgTransactions {
  private readonly waiting = new Map<string, Part[]>();
  private readonly running = new Map<string, number>();
  private readonly handedOver = new Set<string>();

  constructor(
    private readonly apply: ApplyTogether,
    private readonly limits: SharingLimits,
  ) {}

  /** Resolves once `events` (and `advance`) committed; rejects with the error they failed with alone. */
  run(orgId: string, events: readonly BusEvent[], advance: AdvanceOffset | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const parts = this.waiting.get(orgId) ?? [];
      parts.push({ events, advance, resolve, reject });
      this.waiting.set(orgId, parts);
      if (this.handedOver.size === 0)
        setImmediate(() => {
          const orgs = [...this.handedOver];
          this.handedOver.clear();
          for (const org of orgs) this.start(org);
        });
      this.handedOver.add(orgId);
    });
  }

  /** Spreads the org's waiting batches over the transactions it may still start. */
  private start(orgId: string): void {
    const parts = this.waiting.get(orgId) ?? [];
    const free = this.limits.inFlightPerOrg - (this.running.get(orgId) ?? 0);
    const perTransaction = Math.ceil(parts.length / Math.max(1, Math.min(free, parts.length)));
    for (let started = 0; started < free && parts.length > 0; started++) {
      let events = 0;
      let count = 0;
      while (
        count < Math.min(perTransaction, parts.length) &&
        (count === 0 || events + (parts[count] as Part).events.length <= this.limits.maxEvents)
      )
        events += (parts[count++] as Part).events.length;
      this.running.set(orgId, (this.running.get(orgId) ?? 0) + 1);
      void this.together(orgId, parts.splice(0, count)).finally(() => {
        this.running.set(orgId, (this.running.get(orgId) ?? 1) - 1);
        this.start(orgId);
      });
    }
    if (parts.length === 0) this.waiting.delete(orgId);
    if (this.running.get(orgId) === 0) this.running.delete(orgId);
  }

  private async together(orgId: string, parts: readonly Part[]): Promise<void> {
    if (parts.length === 1) return this.alone(orgId, parts[0] as Part);
    // The same event twice (delivered again while its first delivery waits here) is applied once: the
    // transaction applies each event id its inbox insert took once.
    const events = parts.flatMap((part) => part.events);
    const advances = parts.flatMap((part) => (part.advance ? [part.advance] : []));
    try {
      await this.apply(orgId, events, advances);
      for (const part of parts) part.resolve();
    } catch (error) {
      const culprit = this.limits.culprit(error);
      await Promise.all(
        parts.map((part) =>
          culprit !== undefined && part.events.some((event) => event.id === culprit)
            ? part.reject(error)
            : this.alone(orgId, part),
        ),
      );
    }
  }

  private async alone(orgId: string, part: Part): Promise<void> {
    try {
      await this.apply(orgId, part.events, part.advance ? [part.advance] : []);
      part.resolve();
    } catch (error) {
      part.reject(error);
    }
  }
}
