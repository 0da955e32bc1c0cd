import type { ModuleErasureReport, PersonToErase } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';

/**
 * The portal's part of the right to erasure: the person's portal accounts (their magic links and
 * sessions go with them, so they are signed out). E-signature evidence (signer name, IP, user agent)
 * is kept: it proves a contract and is retained for that legal claim (docs/decisions/0113).
 */
export async function erasePerson(
  tx: OrgTransaction,
  { email }: PersonToErase,
): Promise<ModuleErasureReport> {
  const users = email ? await tx.$executeRaw`DELETE FROM portal."user" WHERE lower(email) = ${email}` : 0;
  return { module: 'portal', erased: [{ kind: 'portal user', count: users }] };
}
