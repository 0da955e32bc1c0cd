// Runs `prisma generate` offline. The CLI insists on downloading a native schema engine first even
// though generate never runs it; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync('npx', ['prisma', 'generate'], {
  cwd: dir,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
process.exit(result.status ?? 1);
