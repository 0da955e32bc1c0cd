import { compactPage, currency, entityId, money, nextCursor } from '@suite/contracts';
import { z } from 'zod';
import { invoiceView } from '../invoices/invoice.schema';

// The assistant's read-only view of Books: compact rows and pages, so an AI's context stays small.

export const outstandingInvoicesInput = z.object({
  crmCompanyId: entityId
    .optional()
    .describe("One company's invoices (its CRM id); every company's unless given."),
  overdueOnly: z.boolean().default(false).describe('Only invoices whose due date has passed.'),
  ...compactPage,
});

export const outstandingInvoicesView = z.object({
  asOf: z.iso.date().describe('Today (UTC): an invoice due before it is overdue.'),
  items: z.array(
    invoiceView
      .pick({
        invoiceId: true,
        number: true,
        crmCompanyId: true,
        currency: true,
        total: true,
        outstanding: true,
        issuedOn: true,
        dueOn: true,
      })
      .extend({
        companyName: z.string().nullable(),
        daysOverdue: z.number().int().describe('0 until the due date has passed.'),
      }),
  ),
  totals: z
    .array(z.object({ currency, invoices: z.number().int(), outstanding: money, overdue: money }))
    .describe('Per currency, over every page.'),
  nextCursor,
});

export type OutstandingInvoicesInput = z.infer<typeof outstandingInvoicesInput>;
export type OutstandingInvoicesView = z.infer<typeof outstandingInvoicesView>;
