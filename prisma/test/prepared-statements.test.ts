import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** The statements prepared on the transaction's connection whose text holds `marker`. */
const preparedOn = (tx: { $queryRawUnsafe<T>(sql: string): Promise<T> }, marker: string) =>
  tx.$queryRawUnsafe<{ statement: string }[]>(
    `SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%${marker}%' AND statement NOT LIKE '%pg_prepared_statements%'`,
  );

describe('statements sent through Prisma (decision 0165)', () => {
  it('are prepared on the connection from their second use, so the server parses them once', async () => {
    const [once, twice] = await database.db.system.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS used_once`;
      for (let i = 0; i < 3; i++) await tx.$queryRaw`SELECT ${i}::int AS used_thrice`;
      return [await preparedOn(tx, 'used_once'), await preparedOn(tx, 'used_thrice')];
    });
    expect(once).toEqual([]);
    expect(twice).toHaveLength(1);
  });
});
