import { Writable } from 'node:stream';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, loadConfig, type RunningSuite, startSuite } from '../../src';

const lines: string[] = [];
const captured = new Writable({
  write(chunk, _encoding, done) {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

let database: TestDatabase;
let suite: RunningSuite;
beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, PORT: '0', NODE_ENV: 'test' });
  suite = await startSuite(config, createLogger('info', captured), []);
});
afterAll(async () => {
  await suite?.close();
  await database?.drop();
});

describe('the request log', () => {
  it('keeps the path of auth routes but not their query string (codes, state)', async () => {
    const browser = new StaffBrowser(suite.url);
    const callback = await browser.authorizeAtHub(
      await browser.startSignIn('/crm?tab=deals'),
      'olivia@northwind.test',
    );
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect((await browser.request(callback)).status).toBe(303);
    await browser.request('/crm/trpc/nothing?input=kept');

    const urls = lines
      .map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url)
      .filter(Boolean);
    expect(urls).toContain('/auth/callback?[redacted]');
    expect(urls).toContain('/auth/login?[redacted]');
    expect(urls).toContain('/crm/trpc/nothing?input=kept');
    const code = callback.searchParams.get('code') ?? '';
    for (const line of lines) {
      expect(line).not.toContain('code=');
      expect(line).not.toContain(code);
    }
  });
});
