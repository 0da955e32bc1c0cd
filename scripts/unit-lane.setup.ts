// The unit lane starts no child process, so it stays fast and needs no free ports or binaries. A test
// that spawns one belongs in a `*.process.test.ts` file (vitest.config.ts), and this says so.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { afterAll } from 'vitest';

const SPAWNING = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
const originals = SPAWNING.map((name) => [name, childProcess[name]] as const);

for (const name of SPAWNING) {
  Object.assign(childProcess, {
    [name]: () => {
      throw new Error(
        `child_process.${name}: the unit lane starts no child process; rename this test file to *.process.test.ts`,
      );
    },
  });
}
syncBuiltinESMExports();

// Worker processes are reused across files and lanes: put everything back for the next file.
afterAll(() => {
  Object.assign(childProcess, Object.fromEntries(originals));
  syncBuiltinESMExports();
});
