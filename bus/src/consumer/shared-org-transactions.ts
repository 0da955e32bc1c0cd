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
  /** Transactions of one org at once; a batch arriving while they run waits, and goes with the others waiting. */
  readonly inFlightPerOrg: number;
  /** The event whose handler an error of `apply` blames, if any. */
  culprit(error: unknown): string | undefined;
}

/** The partition a batch comes from: shared transactions write their offsets in this order. */
export interface PartitionRef {
  readonly topic: string;
  readonly partition: number;
}

const byPartition = (a: Part, b: Part) =>
  a.from.topic < b.from.topic ? -1 : a.from.topic > b.from.topic ? 1 : a.from.partition - b.from.partition;

interface Part {
  readonly events: readonly BusEvent[];
  readonly advance: AdvanceOffset | undefined;
  readonly from: PartitionRef;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Lets the batches of several partitions of one org share a tenant transaction: a batch starts at once
 * while fewer than `inFlightPerOrg` transactions of its org run (so partitions still apply side by
 * side), else it waits and then goes with every batch of that org waiting alongside. At moderate rates
 * a relay batch spreads a few events over every partition; a few transactions for them all, instead of
 * one each, save most of the consumer's statements and WAL flushes. Each batch's outcome is the one
 * it would have had alone: when a shared transaction fails, the batch holding the blamed event fails
 * with that error, and the others are applied again, each in a transaction of its own. The offsets
 * are written in partition order (topic, then number), the order in which the PostgreSQL log's lease
 * renewal locks them too, so two transactions never wait for each other's offset rows in a cycle.
 */
export class SharedOrgTransactions {
  private readonly waiting = new Map<string, Part[]>();
  private readonly running = new Map<string, number>();

  constructor(
    private readonly apply: ApplyTogether,
    private readonly limits: SharingLimits,
  ) {}

  /** Resolves once `events` (and `advance`) committed; rejects with the error they failed with alone. */
  run(
    orgId: string,
    from: PartitionRef,
    events: readonly BusEvent[],
    advance: AdvanceOffset | undefined,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const parts = this.waiting.get(orgId) ?? [];
      parts.push({ events, advance, from, resolve, reject });
      this.waiting.set(orgId, parts);
      this.start(orgId);
    });
  }

  /** Starts transactions for the org's waiting batches while fewer than `inFlightPerOrg` run. */
  private start(orgId: string): void {
    const parts = this.waiting.get(orgId) ?? [];
    while (parts.length > 0 && (this.running.get(orgId) ?? 0) < this.limits.inFlightPerOrg) {
      let events = 0;
      let count = 0;
      while (
        count < parts.length &&
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
    const seen = new Set<string>();
    // The same event twice (delivered again while its first delivery waits here) is applied once.
    const events = parts
      .flatMap((part) => part.events)
      .filter((event) => !seen.has(event.id) && seen.add(event.id));
    const advances = [...parts].sort(byPartition).flatMap((part) => (part.advance ? [part.advance] : []));
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
