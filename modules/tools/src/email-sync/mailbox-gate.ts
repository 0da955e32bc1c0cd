import { setTimeout as sleep } from 'node:timers/promises';

/** Graph allows 4 concurrent requests per mailbox; more are throttled. */
export const REQUESTS_PER_MAILBOX = 4;

/**
 * One mailbox's share of Graph: at most 4 requests at once, and a pause after throttling that holds
 * this mailbox's requests only. Other mailboxes have their own gate and keep going.
 */
export class MailboxGate {
  #active = 0;
  #waiting: (() => void)[] = [];
  #pausedUntil = 0;

  constructor(private readonly limit = REQUESTS_PER_MAILBOX) {}

  /** Holds this mailbox's requests for `seconds` (Graph's Retry-After). */
  pause(seconds: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + seconds * 1000);
  }

  async run<T>(request: () => Promise<T>): Promise<T> {
    if (this.#active >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active += 1;
    try {
      for (let wait = this.#pausedUntil - Date.now(); wait > 0; wait = this.#pausedUntil - Date.now())
        await sleep(wait);
      return await request();
    } finally {
      this.#active -= 1;
      this.#waiting.shift()?.();
    }
  }
}
