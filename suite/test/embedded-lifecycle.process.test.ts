import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
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
function startSuiteProcess(until = 'suite started'): Promise<Started> {
  // A fresh machine: no DATABASE_URL and no KAFKA_BROKERS (CI exports both for the other tests).
  const { DATABASE_URL: _unset, KAFKA_BROKERS: _noKafka, ...env } = process.env;
  const child = spawn(process.execPath, [bin, 'start'], {
    env: { ...env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' },
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

  it('stops cleanly on Ctrl-C while it is still starting', async () => {
    const starting = await startSuiteProcess('embedded PostgreSQL started');
    expect(await stop(starting.child)).toBe(0);
    expect(starting.logs.map((entry) => entry.msg)).toContain('suite stopped');
    expect(postgresProcessesOn(dataDir)).toEqual([]);
  }, 120_000);
});
