import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'suite-stop-'));

interface NpmStart {
  npm: ChildProcess;
  logs: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `npm start` as a user types it in a terminal: its own process group, embedded defaults. */
function npmStart(): Promise<NpmStart> {
  const { DATABASE_URL: _unset, KAFKA_BROKERS: _noKafka, ...env } = process.env;
  const npm = spawn('npm', ['start'], {
    cwd: root,
    env: { ...env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  npm.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => npm.once('exit', resolve));
  return new Promise((resolve, reject) => {
    createInterface({ input: npm.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (!line.startsWith('{')) return; // npm's own "> exec suite start" banner
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === 'suite started') resolve({ npm, logs, stderr: () => stderr, exited });
    });
    exited.then((code) => reject(new Error(`npm start exited with ${code}: ${stderr}`)));
  });
}

const childrenOf = (pid: number) =>
  execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number.parseInt(line, 10))
    .filter(Number.isInteger);

const commandOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const processesOn = (dir: string) =>
  execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(dir));

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start stops cleanly however it is stopped', () => {
  const cases: [string, (pids: { npm: number; node: number }) => void][] = [
    ['SIGINT to npm', ({ npm }) => process.kill(npm, 'SIGINT')],
    ['SIGTERM to npm', ({ npm }) => process.kill(npm, 'SIGTERM')],
    ['SIGINT to the process group (Ctrl-C in a terminal)', ({ npm }) => process.kill(-npm, 'SIGINT')],
    ['SIGTERM to node', ({ node }) => process.kill(node, 'SIGTERM')],
  ];

  it.each(cases)(
    '%s: exit 0, no error line, no process left',
    async (_name, send) => {
      const started = await npmStart();
      const npm = started.npm.pid as number;
      // npm runs node itself, with no shell between that would keep the signal from it.
      const [node] = childrenOf(npm);
      expect(node).toBeDefined();
      expect(path.basename(commandOf(node as number)[0] as string)).toBe('node');
      const postgres = childrenOf(node as number).filter((pid) => commandOf(pid).join(' ').includes(dataDir));
      expect(postgres).toHaveLength(1);

      const logsBefore = started.logs.length;
      const stderrBefore = started.stderr().length;
      send({ npm, node: node as number });
      expect(await started.exited).toBe(0);

      const stopping = started.logs.slice(logsBefore);
      expect(stopping.map((entry) => entry.msg)).toEqual(
        expect.arrayContaining(['shutting down', 'suite stopped']),
      );
      expect(stopping.filter((entry) => Number(entry.level) >= 40)).toEqual([]);
      expect(started.stderr().slice(stderrBefore)).toBe('');
      expect(alive(node as number)).toBe(false);
      expect(processesOn(dataDir)).toEqual([]);
    },
    120_000,
  );
});
