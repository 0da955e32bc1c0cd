import type { ModuleErasureReport, PersonToErase } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';

/**
 * Books' part of the right to erasure: a billing account's contact name and address when the address is
 * the person's. Invoices, payments and contracts name companies, not people, and stay (bookkeeping law
 * keeps them anyway). Books holds no phone numbers.
 */
export async function erasePerson(
  tx: OrgTransaction,
  { email }: PersonToErase,
): Promise<ModuleErasureReport> {
  const accounts = email
    ? await tx.$executeRaw`
        UPDATE books.billing_account SET billing_contact = NULL, billing_email = NULL
         WHERE lower(billing_email) = ${email}`
    : 0;
  return { module: 'books', erased: [{ kind: 'billing contact', count: accounts }] };
}
