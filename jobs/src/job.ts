import type { Database } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import { validate } from 'node-cron';
import type { Logger } from 'pino';

export interface JobContext {
  /** Both roles: jobs span orgs, and reach each org's rows through `forOrg(db.app, orgId)`. */
  readonly db: Database;
  readonly log: Logger;
  /** When this run was due (its schedule slot), or when an operator started it. */
  readonly slot: Date;
  /**
   * Calls to other modules' integration APIs for one org (a job of one module reaching another). Absent
   * where the process serves no integration API (`suite jobs run` from the CLI).
   */
  readonly integrations?: IntegrationClients | undefined;
  /**
   * The origin staff reach the suite at (`PUBLIC_URL`, else the address it listens on), for the suite's
   * links a job sends outside it (Voice's recording link in a vendor CRM). Absent with `integrations`.
   */
  readonly publicUrl?: string | undefined;
}

/** What a process gives its jobs besides the database: reaching other modules, and its own public URL. */
export interface JobServices {
  readonly integrations?: IntegrationClients;
  /** Asked at each run: with PORT=0 the listening address is known only once the suite listens. */
  readonly publicUrl?: () => string;
}

export interface JobDefinition {
  /** `<owner>.<job>`, e.g. `crm.health-recompute`; operators name jobs by it. */
  readonly name: string;
  /** A cron expression (node-cron: optional seconds field first), evaluated in UTC. */
  readonly schedule: string;
  readonly description: string;
  /**
   * How long a run may take before a run still marked running is taken for a dead process's: until
   * then no other run of the job starts anywhere (the cluster never runs a job twice at once).
   */
  readonly leaseMs?: number;
  /** Does the work; what it returns is kept as the run's one-line summary. */
  run(context: JobContext): Promise<string | undefined>;
}

const JOB_NAME = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

export function defineJob(job: JobDefinition): JobDefinition {
  if (!JOB_NAME.test(job.name))
    throw new TypeError(`job "${job.name}": expected a name like "crm.health-recompute" (<owner>.<job>)`);
  if (!validate(job.schedule))
    throw new TypeError(
      `job ${job.name}: "${job.schedule}" is not a cron expression (expected e.g. "0 3 * * *" or "*/5 * * * *")`,
    );
  return job;
}
