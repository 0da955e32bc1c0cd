import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// What only development needs: the dev Hub's OpenID provider and the React waffle component.
const DEVELOPMENT_ONLY = ['oidc-provider', 'react', 'react-dom', '@suite/dev-hub', '@suite/waffle-menu'];
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const hooks = new URL('./support/refuse-imports.hooks.mjs', import.meta.url).href;

/** Imports `entry` in a fresh node process in which resolving any of `refused` throws. */
function importRefusing(entry: string, refused: readonly string[]) {
  const script = [
    `import { register } from 'node:module';`,
    `register(${JSON.stringify(hooks)}, { data: ${JSON.stringify(refused)} });`,
    `await import(${JSON.stringify(entry)});`,
    `console.log('imported ${entry}');`,
  ].join('\n');
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: packageDir,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('a production process', () => {
  it('imports @suite/hub-auth without loading oidc-provider, React or the dev Hub', () => {
    const run = importRefusing('@suite/hub-auth', DEVELOPMENT_ONLY);
    expect(run.stderr).not.toContain('imported by');
    expect(run.stdout).toContain('imported @suite/hub-auth');
    expect(run.status).toBe(0);
  });

  it('would notice: importing the dev Hub fails on oidc-provider', () => {
    const run = importRefusing('@suite/dev-hub', ['oidc-provider']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/oidc-provider imported by .*dev-hub/);
  });

  it('does not depend on them: they are not among @suite/hub-auth’s dependencies', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).filter((name) => DEVELOPMENT_ONLY.includes(name))).toEqual([]);
  });
});
