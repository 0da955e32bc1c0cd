import { publish } from '@suite/bus';
import { conflict, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { crmClient, type ProductCaller } from '../crm/crm.client';
import type { ByCallId, CallAttachInput, CallMatchView, CallView } from './call.schema';
import { callInOrg, getCall } from './call.service';
import { endedCall, withRecordings } from './call.view';
import { WITHHELD_NUMBER } from './caller-number';

/** A staff member working a call: who they are, and their org's way to CRM. */
export interface StaffCaller extends ProductCaller {
  readonly user: { readonly id: string };
}

/**
 * The ringing call's screen asks who is calling: CRM's candidates for the other party's number. One
 * contact, or the one staff chose for this number before, is linked to the call at once; several are
 * offered; none offers "create contact". The staff member asking becomes the call's staff user.
 */
export async function matchCall(
  tx: OrgTransaction,
  { callId }: ByCallId,
  caller: StaffCaller,
): Promise<CallMatchView> {
  const call = await callInOrg(tx, callId);
  if (call.remoteNumber === WITHHELD_NUMBER) {
    await tx.voiceCall.update({
      where: { id: callId },
      data: { staffUserId: call.staffUserId ?? caller.user.id },
    });
    const view = await getCall(tx, { callId });
    return { e164: WITHHELD_NUMBER, match: 'none', candidates: [], createContact: null, call: view };
  }
  const lookup = await crmClient(caller).contacts.lookupByPhone.query({ phone: call.remoteNumber });
  const [first] = lookup.candidates;
  const direct = lookup.match === 'one' || lookup.match === 'remembered';
  await tx.voiceCall.update({
    where: { id: callId },
    data: {
      staffUserId: call.staffUserId ?? caller.user.id,
      ...(direct && first && !call.contactId && { contactId: first.contactId, companyId: first.companyId }),
    },
  });
  return { ...lookup, call: await getCall(tx, { callId }) };
}

/**
 * Staff picks the contact of a call: one of several candidates while it rings, or a past call that
 * ended unmatched once a contact has its number. The contact must have the call's number in CRM. A
 * past call is then published as voice.call.attached, which CRM logs as it would have at the end.
 */
export async function attachCall(
  tx: OrgTransaction,
  input: CallAttachInput,
  caller: StaffCaller,
): Promise<CallView> {
  const call = await callInOrg(tx, input.callId);
  if (call.contactId && call.endedAt)
    throw conflict(`call ${call.id} is already logged on contact ${call.contactId}; it cannot move`);
  if (call.remoteNumber === WITHHELD_NUMBER)
    throw conflict(`call ${call.id}: the caller withheld their number, so no contact can be matched to it`);
  const crm = crmClient(caller);
  const { candidates, e164 } = await crm.contacts.lookupByPhone.query({ phone: call.remoteNumber });
  const contact = candidates.find((candidate) => candidate.contactId === input.contactId);
  if (!contact)
    throw invalid(
      `contactId: contact ${input.contactId} has no phone number ${e164} in CRM; add the number to the contact first`,
      'contactId',
    );
  if (input.remember)
    await crm.contacts.rememberPhoneChoice.mutate({ phone: e164, contactId: contact.contactId });
  const attached = await tx.voiceCall.update({
    where: { id: call.id },
    data: {
      contactId: contact.contactId,
      companyId: contact.companyId,
      staffUserId: call.staffUserId ?? caller.user.id,
    },
    include: withRecordings,
  });
  if (attached.endedAt)
    await publish(tx, {
      type: 'voice.call.attached',
      data: {
        ...endedCall(attached),
        contactId: contact.contactId,
        companyId: contact.companyId,
        attachedBy: caller.user.id,
      },
    });
  return getCall(tx, { callId: call.id });
}
