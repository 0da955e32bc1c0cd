// A suite process running one Microsoft 365 delta sync, as a scheduled slot does: a test kills it
// mid-page and runs another. Prints `synced <summary>` when the run finishes.
import { crmModule } from '@suite/crm';
import { connectDatabase } from '@suite/db';
import { toolsModule } from '@suite/tools';
import { runDeltaSync } from '@suite/tools/testing';
import { createLogger, loadConfig, startSuite } from '../../src';

const url = process.env.DATABASE_URL ?? '';
const log = createLogger('silent');
const suite = await startSuite(
  loadConfig({
    DATABASE_URL: url,
    VAULT_KEYS: process.env.VAULT_KEYS ?? '',
    PORT: '0',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
  }),
  log,
  [crmModule, toolsModule],
);
const db = connectDatabase(url);
process.stdout.write('started\n');
const summary = await runDeltaSync({ db, log, integrations: suite.integrations });
process.stdout.write(`synced ${summary}\n`);
await suite.close();
process.exit(0);
