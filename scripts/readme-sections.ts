import { devHubSeedTables } from '@suite/dev-hub';
import { DEV_HUB_SEED, permissionMatrixTable } from '@suite/hub-auth';
import { configTable } from '../suite/src/env';
import { jobsTable } from '../suite/src/jobs.wiring';
import { installedModules } from '../suite/src/module-registry';

/** README sections derived from code, by marker: `<!-- name:start -->` … `<!-- name:end -->`. */
export const readmeSections: Record<string, () => string> = {
  config: configTable,
  permissions: permissionMatrixTable,
  'dev-hub': () => devHubSeedTables(DEV_HUB_SEED),
  jobs: () => jobsTable(installedModules),
};

export function sectionPattern(name: string): RegExp {
  return new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n?<!-- ${name}:end -->`);
}
