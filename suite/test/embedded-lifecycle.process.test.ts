import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { appLoginUrl } from '@suite/db';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/suite.js', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'suite-embedded-'));

interface Started {
  child: ChildProcess;
  url: string;
  logs: Record<string, unknown>[];
}

/**
 * Starts `suite start` exactly as `npm start` does on a fresh machine (no DATABASE_URL); resolves once
 * it logs `until`.
 */
function startSuiteProcess(until = 'suite started', extraEnv: Record<string, string> = {}): Promise<Started> {
  // A fresh machine: no DATABASE_URL and no KAFKA_BROKERS (CI exports both for the other tests).
  const { DATABASE_URL: _unset, KAFKA_BROKERS: _noKafka, ...env } = process.env;
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { ...env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === until) resolve({ child, url: String(entry.url), logs });
    });
    child.once('exit', (code) => reject(new Error(`suite exited with ${code}: ${stderr}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

function postgresProcessesOn(dir: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('postgres') && line.includes(dir));
}

function embeddedAdminUrl(logs: Record<string, unknown>[]): string {
  const started = logs.find((entry) => entry.msg === 'embedded PostgreSQL started');
  return String(started?.url).replace(':***@', ':postgres@');
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start on embedded defaults', () => {
  // Four full suite processes start here; on a loaded 2-core CI machine each takes seconds.
  it('starts on embedded PostgreSQL, is ready, stops cleanly on Ctrl-C, and reuses its data next time', async () => {
    const first = await startSuiteProcess();
    expect(first.logs.find((entry) => entry.msg === 'embedded PostgreSQL started')).toMatchObject({
      created: true,
    });
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);

    const client = new pg.Client(embeddedAdminUrl(first.logs));
    await client.connect();
    await client.query(
      `INSERT INTO platform.organization (id, slug, name) VALUES (gen_random_uuid(), 'kept', 'Kept Ltd')`,
    );
    await client.end();

    expect(await stop(first.child)).toBe(0);
    expect(postgresProcessesOn(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startSuiteProcess();
    expect(second.logs.find((entry) => entry.msg === 'embedded PostgreSQL started')).toMatchObject({
      created: false,
    });
    expect((await fetch(`${second.url}/readyz`)).status).toBe(200);
    const again = new pg.Client(embeddedAdminUrl(second.logs));
    await again.connect();
    const kept = await again.query(`SELECT name FROM platform.organization WHERE slug = 'kept'`);
    await again.end();
    expect(kept.rows).toEqual([{ name: 'Kept Ltd' }]);

    await expect(startSuiteProcess()).rejects.toThrow(/in use by suite process \d+/);

    // A suite killed outright leaves PostgreSQL running; the next start takes it over instead of failing.
    const killed = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGKILL');
    await killed;
    expect(postgresProcessesOn(dataDir)).not.toEqual([]);
    const third = await startSuiteProcess();
    expect((await fetch(`${third.url}/readyz`)).status).toBe(200);
    expect(await stop(third.child)).toBe(0);
    expect(postgresProcessesOn(dataDir)).toEqual([]);
  }, 300_000);

  // Ctrl-C cancels the start at its next step, so nothing here depends on how far the start got, or
  // on how fast a loaded machine finishes it (the shutdown timeout is lifted to rule that out).
  it('stops cleanly on Ctrl-C while it is still starting', async () => {
    const starting = await startSuiteProcess('embedded PostgreSQL started', {
      SHUTDOWN_TIMEOUT_MS: '600000',
    });
    expect(await stop(starting.child)).toBe(0);
    const messages = starting.logs.map((entry) => entry.msg);
    expect(messages).toContain('suite stopped');
    // The development vault key is announced with a warning on every embedded start, by design.
    const unexpected = starting.logs.filter(
      (entry) => Number(entry.level) >= 40 && !String(entry.msg).startsWith('vault: VAULT_KEYS is not set'),
    );
    expect(unexpected).toEqual([]);
    expect(postgresProcessesOn(dataDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);

  it('lets the app pool log in only as suite_app, which cannot become the owner', async () => {
    const running = await startSuiteProcess();
    const app = new pg.Client(appLoginUrl(embeddedAdminUrl(running.logs)));
    await app.connect();
    const refused = await app.query('SET ROLE postgres').catch((error: Error) => error);
    const who = await app.query('SELECT session_user, current_user');
    await app.end();
    expect(String(refused)).toMatch(/permission denied to set role "postgres"/);
    expect(who.rows).toEqual([{ session_user: 'suite_app', current_user: 'suite_app' }]);
    expect(await stop(running.child)).toBe(0);
  }, 120_000);

  it('migrates with `suite migrate` alone: only PostgreSQL starts, and it says what it applied', () => {
    const migrateDir = mkdtempSync(path.join(tmpdir(), 'suite-migrate-'));
    try {
      const migrate = () => {
        const { DATABASE_URL: _unset, KAFKA_BROKERS: _noKafka, ...env } = process.env;
        const run = spawnSync(process.execPath, [bin, 'migrate'], {
          env: { ...env, DATA_DIR: migrateDir, LOG_LEVEL: 'info' },
          encoding: 'utf8',
        });
        const messages = run.stderr
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => (JSON.parse(line) as { msg: string }).msg);
        return { status: run.status, stdout: run.stdout, messages };
      };
      const first = migrate();
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/^applied \d+ migration\(s\): \d+_init, /);
      expect(first.messages).toEqual(['embedded PostgreSQL started']);
      const again = migrate();
      expect(again).toEqual({
        status: 0,
        stdout: 'nothing to apply: the database is up to date\n',
        messages: ['embedded PostgreSQL started'],
      });
      expect(postgresProcessesOn(migrateDir)).toEqual([]);
    } finally {
      rmSync(migrateDir, { recursive: true, force: true });
    }
  }, 120_000);
});
