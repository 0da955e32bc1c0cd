import { invalid, normalisePhone } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { crmClient } from '../crm/crm.client';
import { getVoiceSettings } from '../settings/setting.service';
import { runTool } from '../tools/tools.client';
import type { CallPlaceInput, CallView } from './call.schema';
import { getCall, publishCallOpened } from './call.service';
import type { StaffCaller } from './call-match.service';

type Contact = { readonly contactId: string; readonly companyId: string } | undefined;

async function calledContact(
  caller: StaffCaller,
  e164: string,
  contactId: string | undefined,
): Promise<Contact> {
  if (!contactId) return undefined;
  const { candidates } = await crmClient(caller).contacts.lookupByPhone.query({ phone: e164 });
  const contact = candidates.find((candidate) => candidate.contactId === contactId);
  if (!contact)
    throw invalid(
      `contactId: contact ${contactId} has no phone number ${e164} in CRM; call one of its numbers`,
      'contactId',
    );
  return contact;
}

/**
 * Click-to-call: the org's telephony vendor (through the tool layer's `place_call`) rings the staff
 * phone and bridges it to the contact. The call is logged like any other from here on; the request id
 * is the idempotency key, so a retried click places one call.
 */
export async function placeCall(
  tx: OrgTransaction,
  input: CallPlaceInput,
  caller: StaffCaller,
): Promise<CallView> {
  const { defaultCountry, recordingEnabled } = await getVoiceSettings(tx);
  const to = normalisePhone(input.to, defaultCountry, 'to').e164;
  const staffPhone = normalisePhone(input.staffPhone, defaultCountry, 'staffPhone').e164;
  const contact = await calledContact(caller, to, input.contactId);
  const placed = await runTool(
    caller,
    'place_call',
    { to, staff_phone: staffPhone, record: recordingEnabled },
    `voice.place-call:${caller.user.id}:${input.idempotencyKey}`,
  );
  const from = normalisePhone(String(placed.from), defaultCountry, 'from').e164;
  const key = { provider: String(placed.provider), vendorCallId: String(placed.call_id) };
  const ours = {
    toNumber: to,
    remoteNumber: to,
    staffUserId: caller.user.id,
    contactId: contact?.contactId ?? null,
    companyId: contact?.companyId ?? null,
  };
  const created = await tx.voiceCall.createMany({
    data: [
      {
        ...key,
        ...ours,
        direction: 'outbound',
        status: 'initiated',
        fromNumber: from,
        startedAt: new Date(),
      },
    ],
    skipDuplicates: true,
  });
  // The vendor's first callback may have opened the call already (its `to` is the staff phone).
  if (created.count === 0) await tx.voiceCall.updateMany({ where: key, data: ours });
  const call = await tx.voiceCall.findFirstOrThrow({ where: key });
  if (created.count === 1) await publishCallOpened(tx, call);
  return getCall(tx, { callId: call.id });
}
