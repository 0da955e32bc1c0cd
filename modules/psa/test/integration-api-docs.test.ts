import { readFileSync } from 'node:fs';
import { psaIntegrationApi } from '@suite/contracts';
import { describe, expect, it } from 'vitest';
import { psaIntegrationRouter } from '../src/integration';

describe('docs/integration-api.md, PSA section', () => {
  const docs =
    readFileSync(new URL('../../../docs/integration-api.md', import.meta.url), 'utf8')
      .split('## PSA')[1]
      ?.split('\n## ')[0] ?? '';

  it('documents every procedure of the contract with its scope, and the router serves each', () => {
    const served = psaIntegrationRouter._def.procedures as unknown as Record<
      string,
      { _def: { type: string; meta?: { scope?: string } } }
    >;
    for (const [path, contract] of Object.entries(psaIntegrationApi)) {
      const procedure = served[path];
      expect(procedure?._def.meta?.scope).toBe(contract.scope);
      expect(docs).toContain(`| \`${path}\` (${procedure?._def.type}) | \`${contract.scope}\` |`);
    }
  });
});
