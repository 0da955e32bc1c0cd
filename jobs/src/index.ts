export { forEachOrg } from './for-each-org';
export { defineJob, type JobContext, type JobDefinition } from './job';
export { lastRuns, recentRuns } from './job-runs';
export { JobScheduler, type ManualRunResult, UnknownJobError } from './job-scheduler';
