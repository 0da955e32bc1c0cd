import type { JobDefinition } from '@suite/jobs';
import { createLogger } from '../../src/logger';
import type { TestSuite } from './suite-fixture';

/** Runs one of a module's jobs now with what the suite's scheduler gives it (integrations, public URL). */
export function runModuleJob(
  fx: TestSuite,
  module: { readonly name: string; readonly jobs?: readonly JobDefinition[] },
  name: string,
): Promise<string | undefined> {
  const job = module.jobs?.find((candidate) => candidate.name === name);
  if (!job) throw new Error(`${module.name} ships no job ${name}`);
  return job.run({
    db: fx.database.db,
    log: createLogger('silent'),
    slot: new Date(),
    integrations: fx.suite.integrations,
    publicUrl: fx.suite.publicUrl,
  });
}
