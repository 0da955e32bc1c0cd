import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const bin = fileURLToPath(new URL('../../bin/suite.js', import.meta.url));

/** A `suite start` child process, as an operator runs one deployment. */
export interface SuiteProcess {
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Runs `suite start <args>` and resolves once it logs "suite started" with its URL. */
export async function startSuiteProcess(args: string[], env: Record<string, string>): Promise<SuiteProcess> {
  const child: ChildProcess = spawn(process.execPath, [bin, 'start', ...args], {
    env: { ...process.env, PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  // Read with listeners, not `for await`: leaving that loop destroys stdout, and every later log line with it.
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const started = output.split('\n').find((line) => line.includes('"msg":"suite started"'));
      if (started) resolve({ url: (JSON.parse(started) as { url: string }).url, output: () => output, stop });
    });
    child.once('exit', () =>
      reject(new Error(`suite start ${args.join(' ')} exited before listening:\n${output}`)),
    );
  });
}

/** `suite keys create ...`; returns the `<org id>=<key>` entry it prints for `<TARGET>_INTEGRATION_KEY`. */
export async function createKeyEntry(args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [bin, 'keys', 'create', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  const entry = /^[0-9a-f-]{36}=osk_\S+$/m.exec(stdout)?.[0];
  if (!entry) throw new Error(`suite keys create printed no key entry:\n${stdout}`);
  return entry;
}
