import {
  type CallActivity,
  type CallUpdate,
  callActivityOf,
  callTitle,
  callUpdateOf,
  remoteParty,
} from '../../crm-drivers/call-activity';
import {
  connectionCheck,
  defineCrmDriver,
  recordNotFound,
  writeMessages,
} from '../../crm-drivers/crm-driver';
import type { CrmCreatableObject, CrmObject, CrmRecord } from '../../crm-drivers/crm-driver.schema';
import {
  type FieldMapping,
  fromVendorFields,
  readPaths,
  toVendorFields,
  vendorPath,
} from '../../crm-drivers/field-mapping';
import type { OAuthTokenSet } from '../../vault/credential.schema';
import { VendorError } from '../vendor-error';
import { bearer, vendorJson, vendorRequest } from '../vendor-http';
import { type HubspotSettings, hubspotMessages, hubspotProvider } from './hubspot.provider';

/** HubSpot's object type names and record-page type ids. */
const OBJECTS = {
  contact: { path: 'contacts', typeId: '0-1' },
  company: { path: 'companies', typeId: '0-2' },
  call: { path: 'calls', typeId: '0-48' },
} as const satisfies Record<CrmCreatableObject, unknown>;

/** HubSpot's default association type of a call with a contact. */
const CALL_TO_CONTACT = 194;

/** A call as HubSpot's `calls` object keeps it: upper-case enums, the duration in milliseconds. */
function hubspotCallProperties(call: CallActivity): Record<string, string> {
  const properties: Record<string, string | undefined> = {
    hs_timestamp: call.occurredAt,
    hs_call_title: callTitle(call),
    hs_call_direction: call.direction.toUpperCase(),
    hs_call_status: call.outcome.toUpperCase(),
    hs_call_duration: call.durationSeconds && String(Number(call.durationSeconds) * 1000),
    hs_call_from_number: call.fromNumber,
    hs_call_to_number: call.toNumber,
    ...hubspotCallUpdate(call),
  };
  return definedOnly(properties);
}

/** What changes on a logged call: its body (the note) and its recording. */
function hubspotCallUpdate(call: CallUpdate): Record<string, string> {
  return definedOnly({ hs_call_body: call.note, hs_call_recording_url: call.recordingUrl });
}

function definedOnly(properties: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(properties).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

interface HubspotObject {
  id: string;
  properties: Record<string, string | null>;
  updatedAt?: string;
}
interface HubspotSearchPage {
  results: HubspotObject[];
}
type Filter = { propertyName: string; operator: 'EQ' | 'GTE'; value: string };

/** HubSpot CRM v3 objects: POST, PATCH, DELETE (archive), POST …/search with filter groups. */
export const hubspotCrmDriver = defineCrmDriver<OAuthTokenSet, HubspotSettings>({
  provider: hubspotProvider,
  defaults: {
    'contact.email': 'email',
    'contact.phone': 'phone',
    'contact.firstName': 'firstname',
    'contact.lastName': 'lastname',
    'contact.jobTitle': 'jobtitle',
    'contact.companyName': 'company',
    'company.name': 'name',
    'company.domain': 'domain',
    'company.phone': 'phone',
  },
  open({ call, mapping, createOnce }) {
    const { credential, settings } = call;
    const objects = (object: CrmCreatableObject) =>
      `${settings.apiBaseUrl}/crm/v3/objects/${OBJECTS[object].path}`;
    const json = (method: string, body?: unknown) => ({
      method,
      headers: { ...bearer(credential.accessToken), 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const view = (object: CrmObject, found: HubspotObject): CrmRecord =>
      hubspotRecord(mapping, settings, object, found);
    const search = async (object: CrmObject, body: { filters?: Filter[]; query?: string; limit: number }) => {
      const page = await vendorJson<HubspotSearchPage>(
        `${objects(object)}/search`,
        json('POST', {
          ...(body.filters && { filterGroups: [{ filters: body.filters }] }),
          ...(body.query && { query: body.query }),
          properties: readPaths(mapping, object),
          sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
          limit: body.limit,
        }),
        hubspotMessages,
      );
      return page.results.map((found) => view(object, found));
    };
    const byProperty = async (key: string, value: string) =>
      (
        await search('contact', {
          filters: [{ propertyName: vendorPath(mapping, key, 'read'), operator: 'EQ', value }],
          limit: 1,
        })
      )[0];
    const read = async (object: CrmObject, id: string) => {
      const properties = readPaths(mapping, object).join(',');
      const url = `${objects(object)}/${encodeURIComponent(id)}?properties=${encodeURIComponent(properties)}`;
      try {
        return view(object, await vendorJson<HubspotObject>(url, json('GET'), hubspotMessages));
      } catch (error) {
        if (error instanceof VendorError && error.details.status === 404) return null;
        throw error;
      }
    };

    return {
      testConnection: () => connectionCheck(() => hubspotProvider.verify(call)),
      async lookupCustomer({ phone, email, externalId }) {
        if (externalId) return read('contact', externalId);
        const byPhone = phone ? await byProperty('contact.phone', phone) : undefined;
        if (byPhone) return byPhone;
        return (email ? await byProperty('contact.email', email) : undefined) ?? null;
      },
      async searchRecords({ object, query, limit }) {
        return { records: await search(object, { query, limit }) };
      },
      createRecord({ object, fields, idempotencyKey }) {
        if (object === 'call') {
          const activity = callActivityOf(fields);
          const properties = hubspotCallProperties(activity);
          const party = remoteParty(activity);
          return createOnce(idempotencyKey, async () => {
            const contact = party ? await byProperty('contact.phone', party) : undefined;
            const associations = contact
              ? [
                  {
                    to: { id: contact.externalId },
                    types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: CALL_TO_CONTACT }],
                  },
                ]
              : [];
            const created = await vendorJson<HubspotObject>(
              objects('call'),
              json('POST', { properties, associations }),
              writeMessages(hubspotMessages, 'call'),
            );
            return { ...callRecord(settings, created), fields };
          });
        }
        const properties = toVendorFields(mapping, object, fields);
        return createOnce(idempotencyKey, async () =>
          view(
            object,
            await vendorJson<HubspotObject>(
              objects(object),
              json('POST', { properties }),
              writeMessages(hubspotMessages, object),
            ),
          ),
        );
      },
      async updateRecord({ object, externalId, fields }) {
        const patch = async (properties: Record<string, string>) => {
          try {
            return await vendorJson<HubspotObject>(
              `${objects(object)}/${encodeURIComponent(externalId)}`,
              json('PATCH', { properties }),
              writeMessages(hubspotMessages, object, externalId),
            );
          } catch (error) {
            if (error instanceof VendorError && error.details.status === 404)
              recordNotFound('HubSpot', object, externalId);
            throw error;
          }
        };
        if (object === 'call')
          return { ...callRecord(settings, await patch(hubspotCallUpdate(callUpdateOf(fields)))), fields };
        await patch(toVendorFields(mapping, object, fields));
        return (await read(object, externalId)) ?? recordNotFound('HubSpot', object, externalId);
      },
      async listRecent({ object, since, limit }) {
        const filters: Filter[] = since
          ? [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: String(Date.parse(since)) }]
          : [];
        return { records: await search(object, { filters, limit }) };
      },
      async deleteRecord({ object, externalId }) {
        await vendorRequest(`${objects(object)}/${encodeURIComponent(externalId)}`, json('DELETE'), {
          ...hubspotMessages,
          rejected: (detail) => `HubSpot refused to archive ${object} ${externalId}: ${detail}`,
          rejectedField: 'externalId',
        });
        // HubSpot archives: the record stays restorable for 90 days.
        return { deleted: true, hardDeleted: false };
      },
    };
  },
});

function recordPage(settings: HubspotSettings, object: CrmCreatableObject, id: string): string | null {
  return settings.portalId
    ? `https://app.hubspot.com/contacts/${settings.portalId}/record/${OBJECTS[object].typeId}/${id}`
    : null;
}

function callRecord(settings: HubspotSettings, call: HubspotObject): Omit<CrmRecord, 'fields'> {
  return {
    object: 'call',
    externalId: call.id,
    recordUrl: recordPage(settings, 'call', call.id),
    updatedAt: call.updatedAt ?? null,
  };
}

function hubspotRecord(
  mapping: FieldMapping,
  settings: HubspotSettings,
  object: CrmObject,
  found: HubspotObject,
): CrmRecord {
  return {
    object,
    externalId: found.id,
    fields: fromVendorFields(mapping, object, found.properties),
    recordUrl: recordPage(settings, object, found.id),
    updatedAt: found.updatedAt ?? null,
  };
}
