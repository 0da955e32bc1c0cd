import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitFor } from './bus-fixture';

const script = fileURLToPath(new URL('./bus.child.ts', import.meta.url));

export interface BusChild {
  readonly lines: string[];
  /** Resolves once the process is gone, however it ended. */
  readonly exited: Promise<void>;
  waitForLine(line: string, timeoutMs?: number): Promise<void>;
  /** Sends the signal and resolves once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Runs bus.child.ts in a real child process (see there for the modes). */
export function spawnBusChild(args: string[], env: Record<string, string>): BusChild {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  let exited = false;
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => lines.push(line));
  return {
    lines,
    exited: gone,
    waitForLine: async (line, timeoutMs = 60_000) => {
      await waitFor(
        `child ${args.join(' ')} to print "${line}"`,
        async () => {
          if (exited && !lines.includes(line)) throw new Error(`child exited: ${stderr}`);
          return lines.includes(line);
        },
        timeoutMs,
      );
    },
    kill: (signal) =>
      new Promise((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
