import type { Database } from '@suite/db';
import pg from 'pg';

/**
 * The relay deletes the outbox rows it publishes (decision 0160). For tests that check what was
 * published (once, with which data), a trigger copies each deleted row into
 * `bus_test.published_outbox`; run as the database's owner (`url`), before anything is relayed.
 */
export async function keepPublishedEvents(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS bus_test;
      CREATE TABLE IF NOT EXISTS bus_test.published_outbox (LIKE bus.outbox);
      GRANT USAGE ON SCHEMA bus_test TO suite_system;
      GRANT SELECT ON bus_test.published_outbox TO suite_system;
      CREATE OR REPLACE FUNCTION bus_test.keep_published() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
        BEGIN
          INSERT INTO bus_test.published_outbox SELECT OLD.*;
          RETURN OLD;
        END $$;
      CREATE OR REPLACE TRIGGER keep_published AFTER DELETE ON bus.outbox
        FOR EACH ROW EXECUTE FUNCTION bus_test.keep_published();`);
  } finally {
    await client.end();
  }
}

export interface PublishedEvent {
  readonly id: string;
  readonly orgId: string;
  readonly type: string;
  readonly aggregateId: string;
  readonly payload: unknown;
  readonly attributes: Record<string, unknown>;
}

export interface PublishedFilter {
  readonly id?: string;
  readonly type?: string;
  readonly aggregateId?: string;
  readonly orgId?: string;
}

/**
 * Every event published so far that matches, in outbox order: rows still waiting for the relay and
 * rows it sent (`keepPublishedEvents` must have been installed first).
 */
export function publishedEvents(db: Database, filter: PublishedFilter = {}): Promise<PublishedEvent[]> {
  return db.system.$queryRawUnsafe<PublishedEvent[]>(
    `SELECT id::text, org_id::text AS "orgId", type, aggregateid AS "aggregateId", payload, attributes
     FROM (SELECT * FROM bus.outbox UNION ALL SELECT * FROM bus_test.published_outbox) e
     WHERE ($1::uuid IS NULL OR id = $1::uuid) AND ($2::text IS NULL OR type = $2)
       AND ($3::text IS NULL OR aggregateid = $3) AND ($4::uuid IS NULL OR org_id = $4::uuid)
     ORDER BY seq`,
    filter.id ?? null,
    filter.type ?? null,
    filter.aggregateId ?? null,
    filter.orgId ?? null,
  );
}
