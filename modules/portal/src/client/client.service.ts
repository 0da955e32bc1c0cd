import type { OrgTransaction } from '@suite/db';
import { featuresOf, type PortalRecord } from '../portals/portal.view';
import type { PortalUserRecord } from '../sign-in/session.service';
import type { ClientView } from './client.schema';

/** The signed-in client and what their portal shows. */
export async function whoAmI(
  _tx: OrgTransaction,
  _input: undefined,
  { client, portal }: { readonly client: PortalUserRecord; readonly portal: PortalRecord },
): Promise<ClientView> {
  return {
    portalUserId: client.id,
    name: client.name,
    email: client.email,
    companyId: client.companyId,
    portal: { name: portal.name, features: featuresOf(portal) },
  };
}
