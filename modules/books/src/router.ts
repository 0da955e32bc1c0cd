import { router } from '@suite/hub-auth';
import { assistantRouter } from './assistant/assistant.router';
import { contractRouter } from './contracts/contract.router';
import { glRouter } from './gl/gl-account.router';
import { invoiceRouter } from './invoices/invoice.router';
import { paymentRouter } from './payments/payment.router';
import { revenueRouter } from './revenue/revenue.router';
import { settingRouter } from './settings/setting.router';

/** Books' staff procedures, served at /books/trpc (Hub session + permission). */
export const booksAppRouter = router({
  contracts: contractRouter,
  invoices: invoiceRouter,
  payments: paymentRouter,
  gl: glRouter,
  revenue: revenueRouter,
  settings: settingRouter,
  assistant: assistantRouter,
});
