import type { SuiteModule } from '@suite/contracts';
import type { Database } from '@suite/db';
import { type JobDefinition, JobScheduler, type JobServices } from '@suite/jobs';
import type { Logger } from './logger';

/** Every job of the process's modules; the scheduler refuses two jobs of one name. */
export function moduleJobs(modules: readonly SuiteModule[]): JobDefinition[] {
  return modules.flatMap((module) => module.jobs ?? []);
}

export function createJobScheduler(
  db: Database,
  log: Logger,
  modules: readonly SuiteModule[],
  services?: JobServices,
): JobScheduler {
  return new JobScheduler(db, log.child({ component: 'jobs' }), moduleJobs(modules), services);
}

/** The README's table of the installed modules' jobs (`npm run docs`). */
export function jobsTable(modules: readonly SuiteModule[]): string {
  const rows = moduleJobs(modules).map(
    (job) => `| \`${job.name}\` | \`${job.schedule}\` | ${job.description} |`,
  );
  return ['| job | schedule (UTC) | what it does |', '| --- | --- | --- |', ...rows].join('\n');
}
