import type { OrgTransaction } from '@suite/db';
import type { ContactMatch, MatchLookup } from './email-match';

/** One query for the page's contacts, one for its company domains (indexes: lower(email), additional_emails, lower(domain)). */
export async function lookupAddresses(
  tx: OrgTransaction,
  addresses: readonly string[],
  domains: readonly string[],
): Promise<MatchLookup> {
  const contactsByAddress = new Map<string, ContactMatch[]>();
  const companiesByDomain = new Map<string, string[]>();
  if (addresses.length) {
    const rows = await tx.$queryRaw<{ id: string; company_id: string; address: string }[]>`
      SELECT c.id, c.company_id, lower(c.email) AS address FROM crm.contact c
       WHERE lower(c.email) = ANY(${addresses}::text[])
      UNION
      SELECT c.id, c.company_id, lower(extra) AS address FROM crm.contact c, unnest(c.additional_emails) extra
       WHERE c.additional_emails && ${addresses}::text[] AND lower(extra) = ANY(${addresses}::text[])`;
    for (const row of rows) {
      const list = contactsByAddress.get(row.address) ?? [];
      list.push({ contactId: row.id, companyId: row.company_id });
      contactsByAddress.set(row.address, list);
    }
  }
  if (domains.length) {
    const rows = await tx.$queryRaw<{ id: string; domain: string }[]>`
      SELECT id, lower(domain) AS domain FROM crm.company WHERE lower(domain) = ANY(${domains}::text[])`;
    for (const row of rows)
      companiesByDomain.set(row.domain, [...(companiesByDomain.get(row.domain) ?? []), row.id]);
  }
  return { contactsByAddress, companiesByDomain };
}
