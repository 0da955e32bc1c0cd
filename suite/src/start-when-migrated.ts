import { pendingMigrations } from '@suite/db';
import type { Logger } from './logger';

/**
 * Starts what needs the migrated database: the bus (it cannot subscribe without its tables) and the job
 * scheduler. A process started on pending migrations serves (with /readyz naming them) and checks
 * again every few seconds, so `suite migrate` from another shell brings both up without a restart.
 */
export class StartWhenMigrated {
  private timer: NodeJS.Timeout | undefined;
  private starting: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly startAll: () => Promise<void>,
    private readonly recheckMs = 2000,
  ) {}

  /** Starts now if the database is migrated (errors reach the caller), else waits for the migration. */
  async start(): Promise<void> {
    const pending = await pendingMigrations(this.databaseUrl);
    if (pending.length === 0) return this.startAll();
    this.log.warn(
      { pending },
      'bus and jobs waiting: the database has pending migrations; run `suite migrate`',
    );
    this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.starting = this.startOnceMigrated();
    }, this.recheckMs);
  }

  private async startOnceMigrated(): Promise<void> {
    const pending = await pendingMigrations(this.databaseUrl).catch((error: unknown) => {
      this.log.warn({ err: error }, 'bus and jobs waiting: cannot read the migrations; checking again');
      return undefined;
    });
    if (this.stopped) return;
    if (pending === undefined || pending.length > 0) return this.schedule();
    await this.startAll().then(
      () => this.log.info('bus and jobs started: the database is migrated'),
      // Half-started subscriptions cannot be retried in place; the process serves on without them.
      (error: unknown) => this.log.error({ err: error }, 'bus or jobs failed to start; restart the process'),
    );
  }

  /** Cancels the wait and lets a start in flight finish, so the caller can then close what started. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.starting;
  }
}
