import freeEmailDomains from 'free-email-domains';

/** The maintained free-mail list (npm `free-email-domains`): these domains never match a company. */
const FREE_MAIL = new Set<string>(freeEmailDomains);

export interface MatchableEmail {
  readonly from?: string | undefined;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
}

export interface ContactMatch {
  readonly contactId: string;
  readonly companyId: string;
}

/** What CRM knows about the page's addresses, looked up in one batch. */
export interface MatchLookup {
  /** Lower-case address → the contacts that have it as primary or additional email. */
  readonly contactsByAddress: ReadonlyMap<string, readonly ContactMatch[]>;
  /** Lower-case domain → the companies with that domain. */
  readonly companiesByDomain: ReadonlyMap<string, readonly string[]>;
}

/** Addresses that never match: the org's staff mailboxes and anything at the org's own domains. */
export interface Internal {
  readonly staffAddresses: ReadonlySet<string>;
  readonly ownDomains: ReadonlySet<string>;
}

export interface MessageMatch {
  /** Company id → the matched contacts of that company (empty when matched by domain only). */
  readonly companies: ReadonlyMap<string, readonly string[]>;
  /** Contacts matched by address. */
  readonly contactIds: readonly string[];
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** Every participant, lower-cased, without duplicates. */
export function participants(message: MatchableEmail): string[] {
  const all = [message.from, ...message.to, ...message.cc, ...message.bcc].filter(
    (address): address is string => address?.includes('@') === true,
  );
  return [...new Set(all.map((address) => address.toLowerCase()))];
}

/** The participants that may match anything: not staff, not at the org's own domains. */
export function externalParticipants(message: MatchableEmail, internal: Internal): string[] {
  return participants(message).filter(
    (address) => !internal.staffAddresses.has(address) && !internal.ownDomains.has(domainOf(address)),
  );
}

/** Domains worth looking up for a company: not free-mail. */
export function companyDomainCandidate(address: string): string | undefined {
  const domain = domainOf(address);
  return FREE_MAIL.has(domain) ? undefined : domain;
}

/**
 * The matching rules of the email sync: every external address matches its contacts (primary or
 * additional email); an address that matched no contact matches the companies of its domain, unless
 * the domain is free-mail. Internal addresses were removed before.
 */
export function matchMessage(external: readonly string[], lookup: MatchLookup): MessageMatch {
  const companies = new Map<string, string[]>();
  const contactIds = new Set<string>();
  const add = (companyId: string, contactId?: string) => {
    const list = companies.get(companyId) ?? [];
    if (contactId && !list.includes(contactId)) list.push(contactId);
    companies.set(companyId, list);
  };
  for (const address of external) {
    const contacts = lookup.contactsByAddress.get(address);
    if (contacts?.length) {
      for (const contact of contacts) {
        contactIds.add(contact.contactId);
        add(contact.companyId, contact.contactId);
      }
      continue;
    }
    const domain = companyDomainCandidate(address);
    for (const companyId of (domain && lookup.companiesByDomain.get(domain)) || []) add(companyId);
  }
  return { companies, contactIds: [...contactIds] };
}
