import { decodeOffset, pageOf } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { CrmSearchInput, CrmSearchView } from './assistant.schema';

type SearchRow = CrmSearchView['items'][number];

const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** Companies (name, domain) and contacts (name, email) matching the query, by name; the org's rows only. */
export async function searchCrm(tx: OrgTransaction, input: CrmSearchInput): Promise<CrmSearchView> {
  const offset = decodeOffset(input.cursor);
  const pattern = likePattern(input.query);
  const rows = await tx.$queryRaw<SearchRow[]>`
    SELECT 'company' AS kind, c.id::text AS id, c.name, c.id::text AS "companyId", c.name AS "companyName",
           c.status::text AS detail
      FROM crm.company c WHERE c.name ILIKE ${pattern} OR c.domain ILIKE ${pattern}
    UNION ALL
    SELECT 'contact', p.id::text, p.name, c.id::text, c.name, COALESCE(p.title, p.email)
      FROM crm.contact p JOIN crm.company c ON c.id = p.company_id
     WHERE p.name ILIKE ${pattern} OR p.email ILIKE ${pattern}
    ORDER BY name, id
    LIMIT ${input.limit + 1} OFFSET ${offset}`;
  return pageOf(rows, offset, input.limit);
}
