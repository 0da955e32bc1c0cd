import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src';
import { configTable, remoteModules } from '../../src/env';

const org = randomUUID();
const key = `osk_0123456789abcdef_${'S'.repeat(43)}`;

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('<MODULE>_API_URL and <MODULE>_INTEGRATION_KEY', () => {
  it('gives each module of another deployment its URL and one key per org', () => {
    const config = loadConfig({
      CRM_API_URL: 'https://crm.example.com',
      CRM_INTEGRATION_KEY: `${org}=${key}`,
    });
    expect(remoteModules(config)).toEqual({
      crm: { url: 'https://crm.example.com', keys: new Map([[org, key]]) },
    });
    expect(remoteModules(loadConfig({}))).toEqual({});
  });

  it('refuses a URL without keys, keys without a URL, and plain http off loopback', () => {
    expect(problems({ CRM_API_URL: 'https://crm.example.com' })).toContain(
      'CRM_INTEGRATION_KEY=(hidden): required with CRM_API_URL',
    );
    expect(problems({ PSA_INTEGRATION_KEY: `${org}=${key}` })).toContain(
      'PSA_API_URL="": required with PSA_INTEGRATION_KEY',
    );
    expect(
      problems({ PSA_API_URL: 'http://psa.example.com', PSA_INTEGRATION_KEY: `${org}=${key}` }),
    ).toContain('PSA_API_URL="http://psa.example.com": expected https://');
  });

  it('names a malformed key setting without repeating its value', () => {
    const message = problems({
      CRM_API_URL: 'https://crm.example.com',
      CRM_INTEGRATION_KEY: `northwind=${key}`,
    });
    expect(message).toContain('CRM_INTEGRATION_KEY=(hidden): entry 1: expected <org id (UUID)>=<key>');
    expect(message).not.toContain('S'.repeat(43));
  });

  it('documents every module in the configuration table', () => {
    const table = configTable();
    for (const name of ['CRM', 'PSA', 'BOOKS', 'VOICE', 'PORTAL', 'TOOLS'])
      expect(table).toMatch(
        new RegExp(`\\| \`${name}_API_URL\` \\| — \\|.*\\n\\| \`${name}_INTEGRATION_KEY\` \\| — \\|`),
      );
  });
});
