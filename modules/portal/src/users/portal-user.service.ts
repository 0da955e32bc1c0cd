import { invalid } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import { crmClient } from '../crm/crm.client';
import type { ByPortalId } from '../portals/portal.schema';
import { portalInOrg } from '../portals/portal.service';
import { portalOrigin } from '../site/portal-origin.service';
import { sendEmail } from '../tools/tools.client';
import type { InvitationInput, PortalUserView } from './portal-user.schema';

type PortalUserRecord = Prisma.PortalUserGetPayload<object>;

function toPortalUserView(user: PortalUserRecord): PortalUserView {
  return {
    portalUserId: user.id,
    portalId: user.portalId,
    contactId: user.contactId,
    companyId: user.companyId,
    email: user.email,
    name: user.name,
    invitedAt: user.invitedAt.toISOString(),
  };
}

export async function listPortalUsers(
  tx: OrgTransaction,
  { portalId }: ByPortalId,
): Promise<PortalUserView[]> {
  await portalInOrg(tx, portalId);
  const users = await tx.portalUser.findMany({ where: { portalId }, orderBy: { invitedAt: 'asc' } });
  return users.map(toPortalUserView);
}

/**
 * Invites a CRM contact of a client company to a portal and emails them where to sign in. The contact
 * must exist in CRM (asked through its integration API) and its company must have been promoted to a
 * client. Inviting again sends the email again and changes nothing else.
 */
export async function inviteContact(
  tx: OrgTransaction,
  input: InvitationInput,
  staff: {
    readonly orgId: string;
    readonly user: { readonly id: string };
    readonly integrations: IntegrationClients;
    readonly requestId: string;
    readonly headers: Record<string, string | string[] | undefined>;
  },
): Promise<PortalUserView> {
  const portal = await portalInOrg(tx, input.portalId);
  const email = input.email.toLowerCase();
  const contacts = await crmClient(staff.integrations, staff.orgId).contacts.find.query({ email });
  if (contacts.length === 0)
    throw invalid(`email: no CRM contact has the address ${email}; add the contact in CRM first`, 'email');
  const contact = contacts.find((match) => match.isClient);
  if (!contact)
    throw invalid(
      `email: ${email} belongs to ${contacts[0]?.companyName}, which is not a client yet; promote the company first`,
      'email',
    );
  const user = await tx.portalUser.upsert({
    where: { portalId_email: { portalId: portal.id, email } },
    update: {},
    create: {
      portalId: portal.id,
      email,
      name: contact.name,
      contactId: contact.contactId,
      companyId: contact.companyId,
      invitedBy: staff.user.id,
    },
  });
  const origin = await portalOrigin(tx, portal, staff.headers.host);
  await sendEmail(
    staff.integrations,
    staff.orgId,
    {
      to: email,
      subject: `You are invited to ${portal.name}`,
      text: [
        `Hello ${contact.name},`,
        '',
        `${portal.name} shares quotes and documents with ${contact.companyName} here:`,
        `${origin}/sign-in`,
        '',
        'Enter this address there and we email you a sign-in link. No password needed.',
      ].join('\n'),
    },
    `portal-invitation:${user.id}:${staff.requestId}`,
  );
  return toPortalUserView(user);
}
