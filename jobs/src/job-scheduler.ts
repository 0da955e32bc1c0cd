import type { Database } from '@suite/db';
import { createTask, type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { JobDefinition, JobServices } from './job';
import { claimSlot, finishRun } from './job-runs';

export class UnknownJobError extends Error {
  constructor(name: string, known: readonly string[]) {
    super(`no job "${name}"; known jobs: ${known.join(', ') || '(none)'}`);
    this.name = 'UnknownJobError';
  }
}

/** What a manual run ended with; `ran: false` when the job was running elsewhere. */
export type ManualRunResult =
  | { readonly ran: true; readonly runId: string; readonly summary: string | undefined }
  | { readonly ran: false; readonly reason: string };

/**
 * Runs jobs on their cron schedules with node-cron, in every process that starts one: node-cron's
 * distributed mode asks a run coordinator before each run, and ours claims the slot in PostgreSQL, so
 * each slot runs once in the cluster (claimSlot). Each run is recorded in `platform.job_run`.
 */
export class JobScheduler {
  private readonly tasks: ScheduledTask[] = [];
  /** Claims and runs in flight: stop() waits for all of them. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Each slot this process claimed, until its task function has run it. */
  private readonly claimed = new Map<string, { readonly runId: string; readonly done: () => void }>();
  private stopping = false;

  constructor(
    readonly db: Database,
    private readonly log: Logger,
    readonly jobs: readonly JobDefinition[],
    private readonly services: JobServices = {},
  ) {
    const names = jobs.map((job) => job.name);
    const twice = names.find((name, index) => names.indexOf(name) !== index);
    if (twice) throw new TypeError(`job ${twice} is defined twice; job names must be unique`);
  }

  start(): void {
    for (const job of this.jobs) {
      const task = createTask(job.schedule, (context) => this.runClaimed(job, context.date), {
        name: job.name,
        timezone: 'UTC',
        distributed: true,
        runCoordinator: this.coordinatorFor(job),
        // Runs are recorded by us; node-cron's own console logging would only repeat them.
        logger: { info() {}, warn() {}, error() {}, debug() {} },
      });
      this.tasks.push(task);
      void task.start();
    }
    if (this.jobs.length)
      this.log.info(
        { jobs: this.jobs.map((job) => `${job.name} (${job.schedule})`) },
        'job scheduler started',
      );
  }

  /** Runs a job now, as an operator asked; refused while a run of it is going anywhere. */
  async runNow(name: string): Promise<ManualRunResult> {
    const job = this.job(name);
    const slot = new Date();
    const claim = await claimSlot(this.db, job, slot, 'manual');
    if (!claim.claimed) return { ran: false, reason: claim.reason };
    const summary = await this.track(this.execute(job, slot, claim.runId, { rethrow: true }));
    return { ran: true, runId: claim.runId, summary };
  }

  job(name: string): JobDefinition {
    const job = this.jobs.find((candidate) => candidate.name === name);
    if (!job)
      throw new UnknownJobError(
        name,
        this.jobs.map((candidate) => candidate.name),
      );
    return job;
  }

  nextRun(name: string): Date | null {
    return this.tasks.find((task) => task.name === name)?.getNextRun() ?? null;
  }

  /**
   * Claims no more slots, waits for the claims and runs in flight, then stops the cron tasks: a slot
   * this process claimed is always run, never left marked running by a clean shutdown.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await Promise.all(this.tasks.map((task) => task.destroy()));
    this.tasks.length = 0;
  }

  private coordinatorFor(job: JobDefinition): RunCoordinator {
    return {
      shouldRun: async (key) => {
        if (this.stopping) return false;
        // node-cron's key is `<task name>:<slot ISO time>`.
        const slot = new Date(key.slice(job.name.length + 1));
        let done = () => {};
        this.track(new Promise<void>((resolve) => (done = resolve)));
        try {
          const claim = await claimSlot(this.db, job, slot, 'schedule');
          if (claim.claimed) {
            this.claimed.set(key, { runId: claim.runId, done });
            return true;
          }
          this.log.debug({ job: job.name, slot, reason: claim.reason }, 'job slot not run here');
        } catch (error) {
          this.log.error(
            { err: error, job: job.name, slot },
            'could not claim the job slot; it is not run here',
          );
        }
        done();
        return false;
      },
    };
  }

  private async runClaimed(job: JobDefinition, slot: Date): Promise<void> {
    const key = `${job.name}:${slot.toISOString()}`;
    const claim = this.claimed.get(key);
    if (!claim) return;
    this.claimed.delete(key);
    try {
      await this.execute(job, slot, claim.runId, { rethrow: false });
    } catch (error) {
      // Only recording the outcome can throw here; the run stays `running` until its lease runs out.
      this.log.error({ err: error, job: job.name, runId: claim.runId }, 'could not record the job run');
    } finally {
      claim.done();
    }
  }

  private async execute(
    job: JobDefinition,
    slot: Date,
    runId: string,
    { rethrow }: { rethrow: boolean },
  ): Promise<string | undefined> {
    const log = this.log.child({ job: job.name, runId });
    const started = Date.now();
    try {
      const { integrations, publicUrl } = this.services;
      const summary = await job.run({ db: this.db, log, slot, integrations, publicUrl: publicUrl?.() });
      await finishRun(this.db, runId, { summary });
      log.info({ ms: Date.now() - started, summary }, 'job run succeeded');
      return summary;
    } catch (error) {
      await finishRun(this.db, runId, { error });
      log.error({ err: error, ms: Date.now() - started }, 'job run failed');
      if (rethrow) throw error;
      return undefined;
    }
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => {});
    return promise;
  }
}
