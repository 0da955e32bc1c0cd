import type { JobDefinition } from '@suite/jobs';
import { createLogger } from '../../src/logger';
import type { TestSuite } from './suite-fixture';

/**
 * Runs one of a module's jobs now with what the suite's scheduler gives it (integrations, public URL),
 * for the slot `slot` (the time the scheduler fired it; now unless a test moves the clock).
 */
export function runModuleJob(
  fx: TestSuite,
  module: { readonly name: string; readonly jobs?: readonly JobDefinition[] },
  name: string,
  slot = new Date(),
): Promise<string | undefined> {
  const job = module.jobs?.find((candidate) => candidate.name === name);
  if (!job) throw new Error(`${module.name} ships no job ${name}`);
  return job.run({
    db: fx.database.db,
    log: createLogger('silent'),
    slot,
    integrations: fx.suite.integrations,
    publicUrl: fx.suite.publicUrl,
  });
}
