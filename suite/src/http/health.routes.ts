import { type Database, pendingMigrations } from '@suite/db';
import type { FastifyInstance } from 'fastify';
import type { SuiteMetrics } from '../metrics';

export interface HealthDeps {
  readonly db: Database;
  readonly databaseUrl: string;
  readonly metrics: SuiteMetrics;
}

/** `/healthz`: the process answers. `/readyz`: it can do work (database reachable, schema current). */
export function registerHealthRoutes(app: FastifyInstance, { db, databaseUrl, metrics }: HealthDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_req, reply) => {
    try {
      await db.system.$queryRaw`SELECT 1`;
    } catch (error) {
      return reply
        .code(503)
        .send({ status: 'unavailable', reason: `database unreachable: ${(error as Error).message}` });
    }
    const pending = await pendingMigrations(databaseUrl);
    if (pending.length) {
      return reply.code(503).send({
        status: 'unavailable',
        reason: `pending migrations: ${pending.join(', ')}; run \`suite migrate\``,
      });
    }
    return { status: 'ready' };
  });

  app.get('/metrics', async (_req, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
