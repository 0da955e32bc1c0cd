import type { OrgTransaction } from '@suite/db';
import type { ContactMatch, MatchLookup } from './email-match';

/**
 * One statement for the page: its addresses on crm.contact_email, its company domains on
 * crm.company_domain (lower-cased keys; text equality is leakproof, so RLS lets both use their index).
 * OFFSET 0 keeps each LATERAL a per-key index probe: a join the planner may flatten scanned the whole
 * org when the tables had no statistics yet.
 */
export async function lookupAddresses(
  tx: OrgTransaction,
  addresses: readonly string[],
  domains: readonly string[],
): Promise<MatchLookup> {
  const contactsByAddress = new Map<string, ContactMatch[]>();
  const companiesByDomain = new Map<string, string[]>();
  if (!addresses.length && !domains.length) return { contactsByAddress, companiesByDomain };
  const rows = await tx.$queryRaw<{ key: string; contact_id: string | null; company_id: string }[]>`
    SELECT page.address AS key, found.contact_id, found.company_id
      FROM unnest(${addresses}::text[]) AS page(address)
     CROSS JOIN LATERAL (
       SELECT c.id AS contact_id, c.company_id FROM crm.contact_email e JOIN crm.contact c ON c.id = e.contact_id
        WHERE e.address = page.address OFFSET 0) found
    UNION ALL
    SELECT page.domain, NULL, found.company_id
      FROM unnest(${domains}::text[]) AS page(domain)
     CROSS JOIN LATERAL (SELECT d.company_id FROM crm.company_domain d WHERE d.domain = page.domain OFFSET 0) found`;
  for (const row of rows) {
    if (row.contact_id === null) {
      companiesByDomain.set(row.key, [...(companiesByDomain.get(row.key) ?? []), row.company_id]);
      continue;
    }
    const list = contactsByAddress.get(row.key) ?? [];
    list.push({ contactId: row.contact_id, companyId: row.company_id });
    contactsByAddress.set(row.key, list);
  }
  return { contactsByAddress, companiesByDomain };
}
