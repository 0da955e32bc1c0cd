import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const kafkaDir = fileURLToPath(new URL('../kafka/', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'kafka-dev-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kafka-dev.mjs on a machine without Maven', () => {
  it('says what to install instead of printing empty output', () => {
    // A copy without resolved jars, on a PATH that has node and nothing else.
    for (const file of ['kafka-dev.mjs', 'pom.xml'])
      copyFileSync(path.join(kafkaDir, file), path.join(dir, file));
    mkdirSync(path.join(dir, 'bin'));
    symlinkSync(process.execPath, path.join(dir, 'bin', 'node'));
    const run = spawnSync(process.execPath, [path.join(dir, 'kafka-dev.mjs'), '--detach'], {
      env: { PATH: path.join(dir, 'bin'), KAFKA_PORT: '1', KAFKA_DATA_DIR: path.join(dir, 'data') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('`mvn` was not found on PATH. Install Maven: apt-get install maven');
    expect(run.stderr).not.toContain('null');
  });
});
