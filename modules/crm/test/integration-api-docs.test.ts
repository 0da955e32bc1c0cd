import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crmIntegrationApiDocs } from '../scripts/integration-api.docs';
import { CRM_DOCS_FILE, crmSectionOf, replaceCrmSection } from '../scripts/integration-docs.section';

describe('docs/integration-api.md, CRM section', () => {
  it('is current with the contract and the router (npx tsx modules/crm/scripts/write-integration-docs.ts)', () => {
    const file = readFileSync(CRM_DOCS_FILE, 'utf8');
    expect(crmSectionOf(file)).toBe(crmSectionOf(replaceCrmSection(file, crmIntegrationApiDocs())));
  });

  it('documents every procedure with its scope, input fields and errors', () => {
    const docs = crmIntegrationApiDocs();
    for (const scope of ['crm:pipeline.context', 'crm:activity.list', 'crm:health.get', 'crm:quotes.create'])
      expect(docs).toContain(`Scope \`${scope}\``);
    expect(docs).toContain('| `lines[].unitPrice` | decimal string | yes |');
    expect(docs).toContain('POST /crm/integration/quotes.create');
    expect(docs).toMatch(/\| 404 \| `NOT_FOUND` \|/);
  });
});
