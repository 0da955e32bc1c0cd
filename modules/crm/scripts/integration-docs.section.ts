import { fileURLToPath } from 'node:url';

export const CRM_DOCS_FILE = fileURLToPath(new URL('../../../docs/integration-api.md', import.meta.url));

const SECTION = /<!-- crm-integration-api:start -->\n[\s\S]*?\n?<!-- crm-integration-api:end -->/;

/** The file with its generated CRM section replaced; other products' sections stay as they are. */
export function replaceCrmSection(file: string, rendered: string): string {
  if (!SECTION.test(file))
    throw new Error('docs/integration-api.md has no <!-- crm-integration-api:start --> … end section');
  return file.replace(
    SECTION,
    () => `<!-- crm-integration-api:start -->\n${rendered}\n<!-- crm-integration-api:end -->`,
  );
}

export function crmSectionOf(file: string): string | undefined {
  return SECTION.exec(file)?.[0];
}
