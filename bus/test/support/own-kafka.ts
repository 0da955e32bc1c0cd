import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kafkaDev = fileURLToPath(new URL('../../kafka/kafka-dev.mjs', import.meta.url));

/** A Kafka broker of this test's own (bus/kafka/kafka-dev.mjs), for fault tests that kill it. */
export interface OwnKafka {
  readonly brokers: string[];
  /** SIGKILL, as a crashed machine would. */
  kill(): void;
  /** Starts it again on the same data; resolves once it answers. */
  restart(): void;
  stop(): void;
}

export function startOwnKafka(port: number): OwnKafka {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'suite-bus-fault-kafka-'));
  const env = { ...process.env, KAFKA_PORT: String(port), KAFKA_DATA_DIR: dataDir };
  const run = (mode: string) => {
    const result = spawnSync(process.execPath, [kafkaDev, mode], { env, encoding: 'utf8', timeout: 240_000 });
    if (result.status !== 0) throw new Error(`kafka-dev ${mode} failed: ${result.stderr}`);
  };
  run('--detach');
  return {
    brokers: [`127.0.0.1:${port}`],
    kill() {
      process.kill(Number(readFileSync(path.join(dataDir, 'kafka.pid'), 'utf8')), 'SIGKILL');
    },
    restart() {
      run('--detach');
    },
    stop() {
      run('--stop');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
