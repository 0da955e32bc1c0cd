import { type JobScheduler, lastRuns, recentRuns } from '@suite/jobs';
import { Command, InvalidArgumentError } from 'commander';
import { print, time, withCliDatabase } from './cli-database';
import { createJobScheduler } from './jobs.wiring';
import { selectModules } from './module-registry';
import { textTable } from './text-table';

/** The jobs of the modules `suite start` would run here (MODULES), on its database. */
function withJobs(fn: (scheduler: JobScheduler) => Promise<void>): Promise<void> {
  return withCliDatabase(async ({ config, log, database }) => {
    const scheduler = createJobScheduler(database.db, log, selectModules(config.MODULES));
    try {
      await fn(scheduler);
    } finally {
      await scheduler.stop();
    }
  });
}

function positive(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('expected a whole number above 0');
  return parsed;
}

/** `suite jobs list|run|history`: the scheduled jobs as operators see them. */
export function jobsCommand(): Command {
  const jobs = new Command('jobs').description('scheduled jobs: what runs when, their runs, running one now');
  jobs
    .command('list')
    .description('every job with its schedule (UTC) and its latest run')
    .action(() =>
      withJobs(async (scheduler) => {
        if (scheduler.jobs.length === 0) return print(['no jobs in the modules of this process']);
        const last = await lastRuns(scheduler.db);
        print(
          textTable([
            ['JOB', 'SCHEDULE (UTC)', 'LAST RUN', 'STATUS', 'DESCRIPTION'],
            ...scheduler.jobs.map((job) => {
              const run = last.get(job.name);
              return [
                job.name,
                job.schedule,
                time(run?.startedAt),
                run?.status ?? 'never run',
                job.description,
              ];
            }),
          ]),
        );
      }),
    );
  jobs
    .command('run <job>')
    .description('run a job now and wait for it (refused while it runs anywhere in the cluster)')
    .action((name: string) =>
      withJobs(async (scheduler) => {
        const result = await scheduler.runNow(name);
        if (!result.ran) throw new Error(`${name} not run: ${result.reason}; see suite jobs history ${name}`);
        print([`${name} succeeded (run ${result.runId})${result.summary ? `: ${result.summary}` : ''}`]);
      }),
    );
  jobs
    .command('history [job]')
    .description('recent runs, newest first: of one job, or of all')
    .option('--limit <n>', 'how many runs', positive, 20)
    .action((name: string | undefined, options: { limit: number }) =>
      withJobs(async (scheduler) => {
        if (name !== undefined) scheduler.job(name);
        const runs = await recentRuns(scheduler.db, { job: name, limit: options.limit });
        if (runs.length === 0) return print([`no runs${name ? ` of ${name}` : ''} yet`]);
        print(
          textTable([
            ['RUN', 'JOB', 'TRIGGER', 'SLOT', 'STARTED', 'FINISHED', 'STATUS', 'INSTANCE', 'OUTCOME'],
            ...runs.map((run) => [
              run.id,
              run.job,
              run.trigger,
              time(run.slot),
              time(run.startedAt),
              time(run.finishedAt),
              run.status,
              run.instance,
              run.error ?? run.summary ?? '',
            ]),
          ]),
        );
      }),
    );
  return jobs;
}
