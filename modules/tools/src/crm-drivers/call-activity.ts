import { invalid, voiceCallOutcome } from '@suite/contracts';
import { z } from 'zod';
import type { CrmFields } from './crm-driver.schema';

const CALL_FIELDS = {
  direction: z.enum(['inbound', 'outbound']),
  outcome: voiceCallOutcome,
  occurredAt: z.iso.datetime({ offset: true }),
  durationSeconds: z.string().regex(/^\d{1,7}$/, 'whole seconds'),
  fromNumber: z.string().max(50),
  toNumber: z.string().max(50),
  note: z.string().max(2000),
  recordingUrl: z.url(),
} as const;
const REQUIRED = ['direction', 'outcome', 'occurredAt'] as const;

/** A call as a CRM logs it: the canonical `call` fields of `createRecord`, checked. */
export type CallActivity = { [F in keyof typeof CALL_FIELDS]?: z.infer<(typeof CALL_FIELDS)[F]> } & {
  [F in (typeof REQUIRED)[number]]: z.infer<(typeof CALL_FIELDS)[F]>;
};

/**
 * A call's fields are the vendors' fixed call properties, not mapped per org (decision 0142); an
 * unknown, missing or malformed one is refused naming it.
 */
export function callActivityOf(fields: CrmFields): CallActivity {
  checkCallFields(fields);
  for (const field of REQUIRED)
    if (!fields[field]) throw invalid(`fields.${field}: a call needs it`, `fields.${field}`);
  return fields as CallActivity;
}

function checkCallFields(fields: CrmFields): void {
  const known = Object.keys(CALL_FIELDS);
  for (const [field, value] of Object.entries(fields)) {
    const schema = CALL_FIELDS[field as keyof typeof CALL_FIELDS];
    if (!schema)
      throw invalid(
        `fields.${field}: unknown call field; expected one of ${known.join(', ')}`,
        `fields.${field}`,
      );
    const parsed = schema.safeParse(value);
    if (!parsed.success)
      throw invalid(
        `fields.${field}: "${value}" is not valid (${parsed.error.issues[0]?.message ?? 'malformed'})`,
        `fields.${field}`,
      );
  }
}

/** What changes on a call once logged: the note staff typed and the recording, ready after the call. */
const UPDATABLE = ['note', 'recordingUrl'] as const;
export type CallUpdate = Pick<CallActivity, (typeof UPDATABLE)[number]>;

/** The fields of an update of a logged call, checked; any other call field is refused naming it. */
export function callUpdateOf(fields: CrmFields): CallUpdate {
  for (const field of Object.keys(fields))
    if (!(UPDATABLE as readonly string[]).includes(field))
      throw invalid(
        `fields.${field}: a logged call changes only its ${UPDATABLE.join(' and ')}`,
        `fields.${field}`,
      );
  checkCallFields(fields);
  return fields as CallUpdate;
}

/** The call's subject line in CRMs that show one. */
export function callTitle(call: CallActivity): string {
  const party = call.direction === 'inbound' ? call.fromNumber : call.toNumber;
  return `${call.direction === 'inbound' ? 'Inbound' : 'Outbound'} call${party ? ` ${party}` : ''} (${call.outcome})`;
}

/** The other party's number, by which the CRM's contact is found to link the call to. */
export function remoteParty(call: CallActivity): string | undefined {
  return call.direction === 'inbound' ? call.fromNumber : call.toNumber;
}
