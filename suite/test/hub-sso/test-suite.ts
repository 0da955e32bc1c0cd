import type { Subscription } from '@suite/bus';
import type { SuiteModule } from '@suite/contracts';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { createLogger, loadConfig, type RunningSuite, startSuite } from '../../src';

export interface SuiteUnderTest {
  readonly suite: RunningSuite;
  readonly database: TestDatabase;
  browser(): StaffBrowser;
  /** A browser signed in at the dev Hub as the seeded user with this email. */
  signedIn(email: string): Promise<StaffBrowser>;
  close(): Promise<void>;
}

/** A whole suite process (dev Hub unless `env` names a Hub) on its own test database. */
export async function startTestSuite(
  env: Record<string, string> = {},
  modules: readonly SuiteModule<Subscription>[] = [],
): Promise<SuiteUnderTest> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...env,
  });
  const suite = await startSuite(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), modules).catch(
    async (error: unknown) => {
      await database.drop();
      throw error;
    },
  );
  return {
    suite,
    database,
    browser: () => new StaffBrowser(suite.url),
    async signedIn(email) {
      const browser = new StaffBrowser(suite.url);
      const response = await browser.signIn(email);
      if (response.status !== 303) throw new Error(`sign-in as ${email} failed: ${await response.text()}`);
      return browser;
    },
    async close() {
      await suite.close();
      await database.drop();
    },
  };
}
