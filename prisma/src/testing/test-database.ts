import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { databaseUrl, dropDatabase, ensureDatabase } from '../admin';
import { appLoginUrl } from '../app-login';
import { connectDatabase, type Database } from '../client';

declare module 'vitest' {
  export interface ProvidedContext {
    testServerUrl: string;
    testTemplate: string;
  }
}

export interface TestDatabase {
  /** The owner's login (migrations, raw SQL as the owner). */
  readonly url: string;
  /** The app pool's login: `suite_app` itself (the run's global setup let it log in). */
  readonly appUrl: string;
  readonly name: string;
  readonly db: Database;
  drop(): Promise<void>;
}

/**
 * A database of this test file's own: migrated (cloned from the run's template), or with
 * `{ migrated: false }` empty, as a fresh server gives it.
 */
export async function createTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const serverUrl = inject('testServerUrl');
  const name = `suite_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await ensureDatabase(serverUrl, name, migrated ? inject('testTemplate') : undefined);
  return openTestDatabase(serverUrl, name);
}

/** Connects to the existing database `name` on `serverUrl`; `drop()` disconnects and drops it. */
export function openTestDatabase(serverUrl: string, name: string): TestDatabase {
  const url = databaseUrl(serverUrl, name);
  const appUrl = databaseUrl(appLoginUrl(serverUrl), name);
  const db = connectDatabase(url, appUrl);
  return {
    url,
    appUrl,
    name,
    db,
    async drop() {
      await db.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
