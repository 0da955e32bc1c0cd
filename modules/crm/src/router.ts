import { router } from '@suite/hub-auth';
import { activityRouter } from './activity/activity.router';
import { assistantRouter } from './assistant/assistant.router';
import { companyRouter } from './companies/company.router';
import { contactRouter } from './contacts/contact.router';
import { dealRouter } from './deals/deal.router';
import { healthRouter } from './health/health.router';
import { quoteRouter } from './quotes/quote.router';
import { sequenceRouter } from './sequences/sequence.router';
import { settingRouter } from './settings/setting.router';

/** CRM's staff procedures, served at /crm/trpc (Hub session + permission). */
export const crmAppRouter = router({
  companies: companyRouter,
  contacts: contactRouter,
  deals: dealRouter,
  quotes: quoteRouter,
  timeline: activityRouter,
  health: healthRouter,
  settings: settingRouter,
  assistant: assistantRouter,
  sequences: sequenceRouter,
});
