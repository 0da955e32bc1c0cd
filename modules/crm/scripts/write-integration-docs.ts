// Regenerates the CRM section of docs/integration-api.md: `npx tsx modules/crm/scripts/write-integration-docs.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { crmIntegrationApiDocs } from './integration-api.docs';
import { CRM_DOCS_FILE, replaceCrmSection } from './integration-docs.section';

writeFileSync(CRM_DOCS_FILE, replaceCrmSection(readFileSync(CRM_DOCS_FILE, 'utf8'), crmIntegrationApiDocs()));
