import { readFileSync } from 'node:fs';
import { booksIntegrationApi } from '@suite/contracts';
import { describe, expect, it } from 'vitest';
import { booksIntegrationRouter } from '../src/integration';

describe('docs/integration-api.md, Books section', () => {
  const docs =
    readFileSync(new URL('../../../docs/integration-api.md', import.meta.url), 'utf8').split('## Books')[1] ??
    '';

  it('documents every procedure of the contract with its scope, and the router serves each', () => {
    const served = booksIntegrationRouter._def.procedures as unknown as Record<
      string,
      { _def: { meta?: { scope?: string } } }
    >;
    for (const [path, contract] of Object.entries(booksIntegrationApi)) {
      expect(served[path]?._def.meta?.scope).toBe(contract.scope);
      expect(docs).toContain(`| \`${path}\` (query) | \`${contract.scope}\` |`);
    }
  });
});
