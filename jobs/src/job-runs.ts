import { hostname } from 'node:os';
import { type Database, failureReason, type Prisma } from '@suite/db';
import type { JobDefinition } from './job';

const DEFAULT_LEASE_MS = 60 * 60_000;
/** Runs are kept this long; each claim prunes its own job's older runs, so history never grows unbounded. */
const RUN_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** This process as job runs name it. */
const INSTANCE = `${hostname()}:${process.pid}`;

type JobRun = Prisma.JobRunGetPayload<object>;
type ClaimResult =
  | { readonly claimed: true; readonly runId: string }
  | { readonly claimed: false; readonly reason: string };

/**
 * Claims one slot of a job for this process. Every process whose cron fires for the slot calls this;
 * the unique (job, slot) row elects one. Under a per-job transaction lock it also refuses to start while
 * an earlier run is still within its lease (recorded as `skipped`), and marks runs past their lease
 * `abandoned`: their process died, so they must not block the job for ever.
 */
export async function claimSlot(
  db: Database,
  job: Pick<JobDefinition, 'name' | 'leaseMs'>,
  slot: Date,
  trigger: 'schedule' | 'manual',
): Promise<ClaimResult> {
  return db.system.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`job:${job.name}`}))`;
    const taken = await tx.jobRun.findUnique({ where: { job_slot: { job: job.name, slot } } });
    if (taken) return { claimed: false, reason: `slot taken by ${taken.instance} (${taken.status})` };
    await tx.jobRun.deleteMany({
      where: {
        job: job.name,
        startedAt: { lt: new Date(Date.now() - RUN_RETENTION_MS) },
        status: { not: 'running' },
      },
    });
    const leaseStart = new Date(Date.now() - (job.leaseMs ?? DEFAULT_LEASE_MS));
    await tx.jobRun.updateMany({
      where: { job: job.name, status: 'running', startedAt: { lt: leaseStart } },
      data: {
        status: 'abandoned',
        finishedAt: new Date(),
        error: 'the process running it stopped (lease ran out)',
      },
    });
    const running = await tx.jobRun.findFirst({ where: { job: job.name, status: 'running' } });
    const status = running ? 'skipped' : 'running';
    const row = await tx.jobRun.create({
      data: {
        job: job.name,
        slot,
        trigger,
        status,
        instance: INSTANCE,
        ...(running && {
          finishedAt: new Date(),
          error: `run ${running.id} (${running.instance}, since ${running.startedAt.toISOString()}) is still running`,
        }),
      },
    });
    return running
      ? { claimed: false, reason: row.error ?? 'still running' }
      : { claimed: true, runId: row.id };
  });
}

export async function finishRun(
  db: Database,
  runId: string,
  outcome: { summary?: string | undefined } | { error: unknown },
): Promise<void> {
  const failed = 'error' in outcome;
  await db.system.jobRun.update({
    where: { id: runId },
    data: {
      status: failed ? 'failed' : 'succeeded',
      finishedAt: new Date(),
      summary: failed ? null : (outcome.summary ?? null),
      error: failed ? failureReason(outcome.error) : null,
    },
  });
}

/** Recent runs, newest first: of one job, or of all. */
export function recentRuns(db: Database, options: { job?: string; limit: number }): Promise<JobRun[]> {
  return db.system.jobRun.findMany({
    where: options.job ? { job: options.job } : {},
    orderBy: { startedAt: 'desc' },
    take: options.limit,
  });
}

/** The latest run of each job. */
export async function lastRuns(db: Database): Promise<Map<string, JobRun>> {
  const rows = await db.system.jobRun.findMany({
    distinct: ['job'],
    orderBy: [{ job: 'asc' }, { startedAt: 'desc' }],
  });
  return new Map(rows.map((row) => [row.job, row]));
}
