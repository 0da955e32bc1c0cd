import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/env';

const bin = fileURLToPath(new URL('../bin/suite.js', import.meta.url));

function start(env: Record<string, string>) {
  const { DATABASE_URL: _ignored, KAFKA_BROKERS: _embedded, ...base } = process.env;
  return spawnSync(process.execPath, [bin, 'start'], {
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('configuration is validated at start', () => {
  it('refuses a DATABASE_URL that is not a PostgreSQL URL, naming the variable', () => {
    const run = start({ DATABASE_URL: 'not-a-url' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('DATABASE_URL="not-a-url"');
    expect(run.stderr).toMatch(/postgresql:\/\//);
  });

  it('refuses a PORT that is not a number, naming the variable', () => {
    const run = start({ PORT: 'abc' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('PORT="abc": expected a whole number');
  });

  it('refuses an unknown module', () => {
    const run = start({ MODULES: 'crm,payroll' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('unknown module payroll');
  });
});

describe('Hub sign-in settings', () => {
  it('refuses production without the real Hub: the dev Hub is development-only', () => {
    const run = start({ NODE_ENV: 'production', PUBLIC_URL: 'https://suite.example.com' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      'HUB_ISSUER_URL="": required with NODE_ENV=production: the dev Hub is development-only',
    );
  });

  it('asks for the client registration with HUB_ISSUER_URL', () => {
    expect(() => loadConfig({ HUB_ISSUER_URL: 'https://hub.example.com' })).toThrow(
      /HUB_CLIENT_ID="": required with HUB_ISSUER_URL[\s\S]*HUB_CLIENT_SECRET=\S+: required with HUB_ISSUER_URL/,
    );
  });

  it('allows plain http only on loopback outside production', () => {
    const hub = { HUB_CLIENT_ID: 'suite', HUB_CLIENT_SECRET: 'secret' };
    expect(
      loadConfig({ PUBLIC_URL: 'http://127.0.0.1:3000', HUB_ISSUER_URL: 'http://localhost:4000', ...hub }),
    ).toMatchObject({
      PUBLIC_URL: 'http://127.0.0.1:3000',
    });
    expect(() => loadConfig({ PUBLIC_URL: 'http://suite.example.com' })).toThrow(
      'PUBLIC_URL="http://suite.example.com": expected https://; plain http only on 127.0.0.1 or localhost outside production',
    );
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        PUBLIC_URL: 'http://127.0.0.1:3000',
        HUB_ISSUER_URL: 'https://hub.example.com',
        ...hub,
      }),
    ).toThrow(/PUBLIC_URL="http:\/\/127.0.0.1:3000": expected https:\/\//);
    expect(() => loadConfig({ PUBLIC_URL: 'https://suite.example.com/app' })).toThrow(
      /expected an origin without a path/,
    );
  });
});
