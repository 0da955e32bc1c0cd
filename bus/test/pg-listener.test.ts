import { countOverlappingQueries, createTestDatabase, type TestDatabase } from '@suite/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgListener } from '../src/pg/pg-listener';
import { silentLog, waitFor } from './support/bus-fixture';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('the shared LISTEN connection', () => {
  it('listens on channels asked for at once, one query at a time on its one connection', async () => {
    const queries = countOverlappingQueries();
    const listener = new PgListener(database.url, silentLog);
    const channels = Array.from({ length: 6 }, (_, i) => `listener_test_${i}`);
    const heard: string[] = [];
    try {
      await Promise.all(
        channels.map((channel) => listener.listen(channel, (payload) => heard.push(`${channel}:${payload}`))),
      );
      // A channel asked for again once connected.
      await Promise.all([
        listener.listen('listener_test_late', (payload) => heard.push(`listener_test_late:${payload}`)),
        listener.listen('listener_test_later', (payload) => heard.push(`listener_test_later:${payload}`)),
      ]);
      expect(queries.overlaps()).toBe(0);
      const all = [...channels, 'listener_test_late', 'listener_test_later'];
      const sql = new pg.Client({ connectionString: database.url });
      await sql.connect();
      for (const channel of all) await sql.query('SELECT pg_notify($1, $2)', [channel, 'hello']);
      await sql.end();
      await waitFor('every channel to be heard', async () => heard.length >= all.length);
      expect(heard.sort()).toEqual(all.map((channel) => `${channel}:hello`).sort());
    } finally {
      queries.restore();
      await listener.close();
    }
  });
});
