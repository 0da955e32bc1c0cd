import type { psaTicketsCreate, psaTicketsList } from '@suite/contracts';
import { found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import type { z } from 'zod';
import type { ClientRecord } from '../clients/client.service';
import { createTicket } from './ticket.service';

type CompanyTicket = z.infer<typeof psaTicketsCreate.output>;
type CompanyTicketInput = z.infer<typeof psaTicketsCreate.input>;
type ByCompany = z.infer<typeof psaTicketsList.input>;

function toCompanyTicket(row: Prisma.PsaTicketGetPayload<object>): CompanyTicket {
  const { id: ticketId, number, subject, status, priority, createdAt, updatedAt, closedAt } = row;
  return {
    ticketId,
    number,
    subject,
    status,
    priority,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    closedAt: closedAt?.toISOString() ?? null,
  };
}

/** The PSA client of a CRM company; a company that is no client (yet) is "not found". */
async function clientOfCompany(tx: OrgTransaction, companyId: string): Promise<ClientRecord> {
  return found(
    await tx.psaClient.findFirst({ where: { crmCompanyId: companyId } }),
    `client with CRM company ${companyId}`,
  );
}

/** A company's tickets, as sister products (the Portal) show them. */
export async function companyTickets(tx: OrgTransaction, { companyId }: ByCompany): Promise<CompanyTicket[]> {
  const client = await clientOfCompany(tx, companyId);
  const rows = await tx.psaTicket.findMany({ where: { clientId: client.id }, orderBy: { number: 'desc' } });
  return rows.map(toCompanyTicket);
}

/** A ticket the company opened itself: the same service as staff use, so CRM's timeline hears of it. */
export async function openCompanyTicket(
  tx: OrgTransaction,
  { companyId, subject, priority }: CompanyTicketInput,
): Promise<CompanyTicket> {
  const client = await clientOfCompany(tx, companyId);
  const created = await createTicket(tx, { clientId: client.id, subject, priority });
  return toCompanyTicket(await tx.psaTicket.findUniqueOrThrow({ where: { id: created.id } }));
}
