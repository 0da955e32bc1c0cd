import { psaTicketsCreate, psaTicketsList } from '@suite/contracts';
import type { z } from 'zod';

/** A ticket the client opens: PSA's input without the company, which is always the client's own. */
export const clientTicketInput = psaTicketsCreate.input.omit({ companyId: true });
export const clientTicketView = psaTicketsCreate.output;
export const clientTicketsView = psaTicketsList.output;

export type ClientTicketInput = z.infer<typeof clientTicketInput>;
export type ClientTicketView = z.infer<typeof clientTicketView>;
export type ClientTicketsView = z.infer<typeof clientTicketsView>;
