import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface BenchChild {
  /** Resolves with the first stdout line that `match` accepts. */
  line(match: (line: string) => boolean): Promise<string>;
  /** Sends the child a signal (it must handle it). */
  signal(name: NodeJS.Signals): void;
  /** Writes one line to the child's standard input. */
  send(line: string): void;
  /** SIGTERM, SIGKILL if it has not exited 30 s later; resolves once it exited. */
  stop(): Promise<void>;
  readonly exited: Promise<number | null>;
}

/** Runs one of this folder's `*.process.ts` in a process of its own, configured by one JSON env var. */
export function benchChild(script: string, config: unknown): BenchChild {
  const file = fileURLToPath(new URL(script, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, BENCH_CONFIG: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiting) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let gone = false;
  exited.then(() => {
    gone = true;
    for (const wake of waiting) wake();
  });
  return {
    exited,
    line(match) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found !== undefined) {
            waiting.delete(check);
            resolve(found);
          } else if (gone) {
            waiting.delete(check);
            reject(new Error(`${script} exited before printing what the bench waits for`));
          }
        };
        waiting.add(check);
        check();
      });
    },
    signal(name) {
      child.kill(name);
    },
    send(line) {
      child.stdin.write(`${line}\n`);
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: its configuration. */
export function childConfig<T>(): T {
  return JSON.parse(process.env.BENCH_CONFIG as string) as T;
}
