import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { dropDatabase, ensureDatabase } from '../admin';
import { connectDatabase, type Database } from '../client';

declare module 'vitest' {
  export interface ProvidedContext {
    testServerUrl: string;
    testTemplate: string;
  }
}

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  readonly db: Database;
  drop(): Promise<void>;
}

/** A migrated database of this test file's own, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('testServerUrl');
  const name = `suite_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const url = await ensureDatabase(serverUrl, name, inject('testTemplate'));
  const db = connectDatabase(url);
  return {
    url,
    name,
    db,
    async drop() {
      await db.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
