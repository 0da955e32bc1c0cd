export { countInEachOrg, forEachOrg } from './for-each-org';
export { defineJob, type JobContext, type JobDefinition, type JobServices } from './job';
export { lastRuns, recentRuns } from './job-runs';
export { JobScheduler, type ManualRunResult, UnknownJobError } from './job-scheduler';
