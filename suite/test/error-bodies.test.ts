import { defineModule } from '@suite/contracts';
import { publicProcedure, router } from '@suite/hub-auth';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CapturedLogs } from './integration-keys/support';
import type { TestSuite } from './support/suite-fixture';

// Errors never reach a client with a stack, an SQL or Prisma message or a file path, whatever NODE_ENV
// the process runs with: the client gets { code, message, requestId }, the log the rest under that id.
const INTERNALS = /stack|prisma|\.ts:\d|\bSQL\b|SELECT |no_such_table|does not exist|\/srv\//i;

describe.each(['development', 'production'])('with NODE_ENV=%s', (nodeEnv) => {
  let fx: TestSuite;
  const logs = new CapturedLogs();
  beforeAll(async () => {
    vi.stubEnv('NODE_ENV', nodeEnv);
    // The suite's own modules evaluate again under this NODE_ENV.
    vi.resetModules();
    const { startTestSuite } = await import('./support/suite-fixture');
    const { createLogger } = await import('../src');
    const failing = defineModule({
      name: 'tools',
      appRouter: router({
        sqlError: publicProcedure.query(({ ctx }) =>
          ctx.db.app.$queryRawUnsafe('SELECT missing FROM no_such_table'),
        ),
        echo: publicProcedure.input(z.object({ text: z.string() })).mutation(({ input }) => input),
        thrown: publicProcedure.mutation(() => {
          throw new Error('failed at /srv/suite/src/secret.service.ts:12:3');
        }),
      }),
    });
    fx = await startTestSuite({ modules: [failing], log: createLogger('info', logs.stream) });
  });
  afterAll(async () => {
    await fx?.close();
    vi.unstubAllEnvs();
  });

  const get = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${fx.suite.url}${path}`, init);
    return { status: response.status, body: await response.text() };
  };

  it('answers an SQL error with code, message and request id only; the log has the SQL error', async () => {
    const { status, body } = await get('/tools/trpc/sqlError');
    expect(status).toBe(500);
    expect(body).not.toMatch(INTERNALS);
    const { error } = JSON.parse(body) as {
      error: { message: string; requestId: string; data: { code: string } };
    };
    expect(error.data.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toContain(error.requestId);
    const logged = logs.lines.find(
      (line) => line.includes(`"reqId":"${error.requestId}"`) && line.includes('no_such_table'),
    );
    expect(logged).toBeDefined();
  });

  it('answers a thrown error, a malformed body and a bad sign-in callback without internals', async () => {
    const thrown = await get('/tools/trpc/thrown', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(thrown.status).toBe(500);
    const malformed = await get('/tools/trpc/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(malformed.status, malformed.body).toBe(400);
    const callback = await get('/auth/callback?code=forged&state=forged');
    expect(callback.status).toBeLessThan(500);
    for (const { body } of [thrown, malformed, callback]) expect(body).not.toMatch(INTERNALS);
  });
});
