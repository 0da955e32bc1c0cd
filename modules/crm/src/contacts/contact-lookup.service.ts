import type { contactsFind } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import type { z } from 'zod';

type ContactMatches = z.infer<typeof contactsFind.output>;

/** The org's contacts with this email (any case), with whether their company is a client: the portal invites them. */
export async function findContactsByEmail(
  tx: OrgTransaction,
  { email }: z.infer<typeof contactsFind.input>,
): Promise<ContactMatches> {
  const contacts = await tx.crmContact.findMany({
    where: { email: { equals: email, mode: 'insensitive' } },
    include: { company: { select: { name: true, status: true, promotedAt: true } } },
    orderBy: { createdAt: 'asc' },
    take: 20,
  });
  return contacts.map((contact) => ({
    contactId: contact.id,
    name: contact.name,
    email: contact.email ?? email,
    companyId: contact.companyId,
    companyName: contact.company.name,
    isClient: contact.company.promotedAt !== null,
  }));
}
