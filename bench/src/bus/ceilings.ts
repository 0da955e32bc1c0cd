import { Logger, makeWorkerUtils, run } from 'graphile-worker';
import pg from 'pg';
import { until } from '../support/stats';

/**
 * The database's ceiling for what the pipeline writes: `clients` connections, each committing
 * transactions of one multi-row insert of `rowsPerTransaction` rows. Rows per second.
 */
export async function rawPgBatchedInsert(
  databaseUrl: string,
  { clients = 8, transactions = 40, rowsPerTransaction = 100 } = {},
): Promise<number> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  try {
    await pool.query(
      'CREATE TABLE bench.raw_row (id uuid PRIMARY KEY, item_id text NOT NULL, seq int NOT NULL)',
    );
    const insert = async () => {
      const client = await pool.connect();
      try {
        for (let t = 0; t < transactions; t++) {
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO bench.raw_row (id, item_id, seq)
             SELECT gen_random_uuid(), 'item-' || (i % 1000), i FROM generate_series(1, $1) AS i`,
            [rowsPerTransaction],
          );
          await client.query('COMMIT');
        }
      } finally {
        client.release();
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: clients }, insert));
    return (clients * transactions * rowsPerTransaction) / ((performance.now() - started) / 1000);
  } finally {
    await pool.end();
  }
}

/**
 * The peer: graphile-worker running `jobs` no-op jobs at concurrency 10 on the same database, timed
 * after as many warm-up jobs (its code warm, as the pipeline's is). Jobs per second.
 */
export async function graphileWorkerNoop(databaseUrl: string, jobs = 10_000): Promise<number> {
  const utils = await makeWorkerUtils({ connectionString: databaseUrl, logger: new Logger(() => () => {}) });
  try {
    await utils.migrate();
    for (let added = 0; added < 2 * jobs; added += 1000)
      await utils.addJobs(
        Array.from({ length: Math.min(1000, 2 * jobs - added) }, () => ({ identifier: 'noop', payload: {} })),
      );
  } finally {
    await utils.release();
  }
  let done = 0;
  let started = 0;
  const runner = await run({
    connectionString: databaseUrl,
    concurrency: 10,
    noHandleSignals: true,
    pollInterval: 1000,
    // It logs every job by default; that is console I/O, not the queue.
    logger: new Logger(() => () => {}),
    taskList: {
      noop: async () => {
        if (++done === jobs) started = performance.now();
      },
    },
  });
  try {
    await until('graphile-worker to run every job', () => done >= 2 * jobs, 300_000);
    return jobs / ((performance.now() - started) / 1000);
  } finally {
    await runner.stop();
  }
}
