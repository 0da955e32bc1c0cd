import type { BooksAppRouter } from '@suite/books/api';
import type { CrmAppRouter } from '@suite/crm/api';
import type { Permission } from '@suite/hub-auth';
import type { PsaAppRouter } from '@suite/psa/api';

/** A procedure of a product's `assistant` router, by its key there. */
type AssistantProcedure<Router extends { createCaller: (...args: never[]) => unknown }> = keyof (ReturnType<
  Router['createCaller']
> & { assistant: object })['assistant'] &
  string;

export interface ProductQuery<Procedure extends string = string> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** The procedure's own permission, so the list shows what a call would allow. */
  readonly permission: Permission;
  readonly procedure: Procedure;
}

/**
 * The assistant's read-only queries per product: staff procedures of the product's router
 * (`assistant.*`), run with the caller's session. A product joins with its procedures and a table here.
 */
export const PRODUCT_QUERIES = {
  crm: [
    {
      name: 'crm_search',
      title: 'Search CRM',
      description: 'Finds companies (by name or domain) and contacts (by name or email); paged.',
      permission: 'crm.companies.read',
      procedure: 'search',
    },
    {
      name: 'crm_company_summary',
      title: 'Company summary',
      description: "A company's status, health score with its inputs, open deals and recent activity.",
      permission: 'crm.companies.read',
      procedure: 'companySummary',
    },
    {
      name: 'crm_pipeline',
      title: 'Pipeline by stage',
      description: 'Open deals per stage with their value, and totals per currency.',
      permission: 'crm.deals.read',
      procedure: 'pipeline',
    },
    {
      name: 'crm_deals_closing_this_month',
      title: 'Deals closing this month',
      description: 'Open deals expected to close this month (UTC), soonest first; paged.',
      permission: 'crm.deals.read',
      procedure: 'closingThisMonth',
    },
    {
      name: 'crm_contact_timeline',
      title: "A contact's timeline",
      description: 'Calls, notes, emails and meetings logged about a contact, newest first; paged.',
      permission: 'crm.companies.read',
      procedure: 'contactTimeline',
    },
  ] satisfies readonly ProductQuery<AssistantProcedure<CrmAppRouter>>[],
  psa: [
    {
      name: 'psa_client_tickets',
      title: "A client's tickets",
      description:
        "A PSA client's open tickets (or all, with state `any`), most recently changed first, and how many are open; paged.",
      permission: 'psa.tickets.read',
      procedure: 'clientTickets',
    },
    {
      name: 'psa_client_contracts',
      title: "A client's contracts",
      description: "A PSA client's contracts with status, term (start, months, last day) and value; paged.",
      permission: 'psa.contracts.read',
      procedure: 'clientContracts',
    },
  ] satisfies readonly ProductQuery<AssistantProcedure<PsaAppRouter>>[],
  books: [
    {
      name: 'books_outstanding_invoices',
      title: 'Outstanding invoices',
      description:
        'Invoices still owing, soonest due first, optionally for one company or overdue only: amounts due, due dates, days overdue, totals per currency; paged.',
      permission: 'books.invoices.read',
      procedure: 'outstandingInvoices',
    },
  ] satisfies readonly ProductQuery<AssistantProcedure<BooksAppRouter>>[],
} as const;

export type QueryProduct = keyof typeof PRODUCT_QUERIES;
