// A second suite process for the cross-process test: serves the test CRM module and prints its URL.
import { createLogger, loadConfig, startSuite } from '../../src';
import { crmTestModule } from './test-modules';

const suite = await startSuite(loadConfig(), createLogger('silent'), [crmTestModule]);
process.stdout.write(`URL=${suite.url}\n`);
process.once('SIGTERM', () => {
  suite.close().then(() => process.exit(0));
});
