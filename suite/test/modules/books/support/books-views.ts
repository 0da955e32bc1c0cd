import type { BooksAppRouter } from '@suite/books/api';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<BooksAppRouter>;

// What Books' staff API answers, as its clients see it.
export type ContractView = Outputs['contracts']['list'][number];
export type InvoiceView = Outputs['invoices']['list'][number];
export type PaymentView = Outputs['payments']['record'];
