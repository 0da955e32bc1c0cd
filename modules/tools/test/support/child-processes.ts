import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

/** Starting tsx child processes takes minutes on a loaded shared machine. */
export const CHILD_PROCESSES_TIMEOUT = 300_000;

/**
 * Starts `count` processes of a test script, waits until each says `ready`, tells them all `go` at once,
 * and answers the last line each printed (parsed as JSON).
 */
export async function raceProcesses(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  count = 2,
): Promise<unknown[]> {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, script), ...args], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, ...env },
    }),
  );
  const outputs = children.map((child) => {
    let text = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('ready')) resolve();
      });
      child.once('exit', () => reject(new Error(`${script} exited before it was ready: ${errors}`)));
    });
    const done = once(child, 'exit').then(([code]) => {
      if (code !== 0) throw new Error(`${script} failed (${code}): ${errors}`);
      return JSON.parse(text.trim().split('\n').at(-1) ?? 'null') as unknown;
    });
    return { ready, done };
  });
  await Promise.all(outputs.map((output) => output.ready));
  for (const child of children) child.stdin.end('go\n');
  return Promise.all(outputs.map((output) => output.done));
}
