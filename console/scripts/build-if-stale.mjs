// Builds a front end (the console, or the portal with its root given) when its dist is missing or older
// than its sources: `npm start` and the test setup run it, so a fresh clone serves current pages with
// no separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const consoleRoot = resolve(import.meta.dirname, '..');
const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

export async function buildIfStale(root = consoleRoot) {
  const built = join(root, 'dist/index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (builtAt >= Math.max(...sources.map((source) => newest(join(root, source))))) return false;
  const { build } = await import('vite');
  await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = process.argv[2] ? resolve(process.argv[2]) : consoleRoot;
  if (await buildIfStale(root)) console.log(`built ${join(root, 'dist')}`);
}
