import type { PrismaClient } from '@suite/db';
import type { FastifyBaseLogger } from 'fastify';

/**
 * Records when keys were last used without slowing the call that used them: at most one write per key
 * per interval and process, started in the background and awaited only by `flush()`.
 */
export class LastUsedRecorder {
  readonly #written = new Map<string, number>();
  readonly #pending = new Set<Promise<unknown>>();

  constructor(
    private readonly db: PrismaClient,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs: number,
  ) {}

  touch(keyId: string): void {
    const now = Date.now();
    const last = this.#written.get(keyId);
    if (last !== undefined && now - last < this.intervalMs) return;
    this.#written.set(keyId, now);
    const write: Promise<unknown> = this.db.integrationKey
      .updateMany({ where: { id: keyId }, data: { lastUsedAt: new Date(now) } })
      .catch((error: unknown) =>
        this.log.warn({ err: error, keyId }, 'could not record when an integration key was used'),
      )
      .finally(() => this.#pending.delete(write));
    this.#pending.add(write);
  }

  async flush(): Promise<void> {
    await Promise.all(this.#pending);
  }
}
