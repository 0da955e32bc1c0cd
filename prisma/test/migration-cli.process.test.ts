import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('npm run db:migration', () => {
  it.each([[[]], [['Add-Deal']]])('exits non-zero and says what name is expected for %j', (args) => {
    const run = spawnSync('npx', ['tsx', 'src/migrations/create-migration.cli.ts', ...args], {
      cwd: packageDir,
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('snake_case name');
  });
});
