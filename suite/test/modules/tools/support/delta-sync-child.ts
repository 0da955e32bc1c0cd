// A suite process running one slot of the Microsoft 365 delta sync, as `suite start` does every
// 5 minutes, then exiting; the kill test SIGKILLs it mid-sync. argv: <database url> <app url>;
// env: VAULT_KEYS. Prints the run's summary as JSON on its last line.
import { crmModule } from '@suite/crm';
import { connectDatabase } from '@suite/db';
import { toolsModule } from '@suite/tools';
import { runDeltaSync, trustGraphStandIn } from '@suite/tools/testing';
import { createLogger, loadConfig, startSuite } from '../../../../src';

const [url = '', appUrl = ''] = process.argv.slice(2);
const trust = trustGraphStandIn();
const log = createLogger('silent');
const config = loadConfig({
  DATABASE_URL: url,
  PORT: '0',
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JOBS_ENABLED: 'false',
  VAULT_KEYS: process.env.VAULT_KEYS ?? '',
});
const suite = await startSuite(config, log, [crmModule, toolsModule]);
const db = connectDatabase(url, appUrl);
const summary = await runDeltaSync({ db, log, integrations: suite.integrations });
process.stdout.write(`${JSON.stringify(summary)}\n`);
await db.close();
await suite.close();
await trust.close();
