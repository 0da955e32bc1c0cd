import { invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { findUsers } from '@suite/hub-auth';

export interface OwnerView {
  readonly userId: string;
  readonly name: string | null;
  readonly active: boolean;
}

/** Deal owners are Hub users of the org; anyone else is refused naming the field. */
export async function assertOwnerInOrg(tx: OrgTransaction, ownerId: string): Promise<void> {
  const member = await tx.hubMembership.findFirst({ where: { userId: ownerId }, select: { userId: true } });
  if (!member)
    throw invalid(
      `ownerId: ${ownerId} is not a Hub user of this org; pick a member of the org as owner`,
      'ownerId',
    );
}

/** Owners as shown next to deals: a deactivated Hub user keeps their name and shows as inactive. */
export async function ownersById(
  tx: OrgTransaction,
  ids: readonly string[],
): Promise<Map<string, OwnerView>> {
  const users = await findUsers(tx, [...new Set(ids)]);
  const members = await tx.hubMembership.findMany({
    where: { userId: { in: [...new Set(ids)] } },
    select: { userId: true },
  });
  const inOrg = new Set(members.map((member) => member.userId));
  const byId = new Map(users.map((user) => [user.id, user]));
  return new Map(
    ids.map((id) => {
      const user = byId.get(id);
      return [
        id,
        { userId: id, name: user?.name ?? null, active: !!user && !user.deactivated && inOrg.has(id) },
      ];
    }),
  );
}
