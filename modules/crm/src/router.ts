import { router } from '@suite/hub-auth';
import { timelineRouter } from './activity/timeline.router';
import { companiesRouter } from './companies/companies.router';
import { contactsRouter } from './contacts/contacts.router';
import { dealsRouter } from './deals/deals.router';
import { healthRouter } from './health/health.router';
import { quotesRouter } from './quotes/quotes.router';
import { settingsRouter } from './settings/settings.router';

/** CRM's staff procedures, served at /crm/trpc (Hub session + permission). */
export const crmAppRouter = router({
  companies: companiesRouter,
  contacts: contactsRouter,
  deals: dealsRouter,
  quotes: quotesRouter,
  timeline: timelineRouter,
  health: healthRouter,
  settings: settingsRouter,
});
