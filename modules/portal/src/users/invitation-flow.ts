import { invalid } from '@suite/contracts';
import type { OrgScope } from '@suite/db';
import type { IntegrationClients } from '@suite/hub-auth';
import { crmClient } from '../crm/crm.client';
import { sendEmail } from '../tools/tools.client';
import type { InvitationInput, InvitedContact, PortalUserView } from './portal-user.schema';
import { saveInvitation } from './portal-user.service';

interface InvitingStaff {
  readonly orgId: string;
  readonly user: { readonly id: string };
  readonly integrations: IntegrationClients;
  readonly requestId: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

/** The contact must exist in CRM (asked through its integration API), at a company promoted to a client. */
async function clientContact(staff: InvitingStaff, email: string): Promise<InvitedContact> {
  const contacts = await crmClient(staff.integrations, staff.orgId).contacts.find.query({ email });
  if (contacts.length === 0)
    throw invalid(`email: no CRM contact has the address ${email}; add the contact in CRM first`, 'email');
  const contact = contacts.find((match) => match.isClient);
  if (!contact)
    throw invalid(
      `email: ${email} belongs to ${contacts[0]?.companyName}, which is not a client yet; promote the company first`,
      'email',
    );
  return { ...contact, email };
}

/**
 * Invites a CRM contact of a client company to a portal and emails them where to sign in. CRM is asked
 * before, and the email sent after, the short transaction that keeps the portal user, so no connection
 * or lock waits on another product. Inviting again (also after a failed email) keeps the same user and
 * sends the email again; the key names the user and the request, so a retried request sends it once.
 */
export async function inviteContact(
  tenant: OrgScope,
  input: InvitationInput,
  staff: InvitingStaff,
): Promise<PortalUserView> {
  const contact = await clientContact(staff, input.email.toLowerCase());
  const invitation = await tenant.transaction((tx) => saveInvitation(tx, input.portalId, contact, staff));
  await sendEmail(
    staff.integrations,
    staff.orgId,
    {
      to: contact.email,
      subject: `You are invited to ${invitation.portalName}`,
      text: [
        `Hello ${contact.name},`,
        '',
        `${invitation.portalName} shares quotes and documents with ${contact.companyName} here:`,
        invitation.signInUrl,
        '',
        'Enter this address there and we email you a sign-in link. No password needed.',
      ].join('\n'),
    },
    `portal-invitation:${invitation.user.portalUserId}:${staff.requestId}`,
  );
  return invitation.user;
}
