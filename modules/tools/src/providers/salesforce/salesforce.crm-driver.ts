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
import type { CrmObject, CrmRecord } from '../../crm-drivers/crm-driver.schema';
import { fromVendorFields, readPaths, toVendorFields, vendorPath } from '../../crm-drivers/field-mapping';
import type { OAuthTokenSet } from '../../vault/credential.schema';
import { VendorError } from '../vendor-error';
import { bearer, vendorJson, vendorRequest } from '../vendor-http';
import {
  dataUrl,
  type SalesforceSettings,
  salesforceMessages,
  salesforceProvider,
} from './salesforce.provider';

const SOBJECTS = { contact: 'Contact', company: 'Account' } as const satisfies Record<CrmObject, string>;

/** A call as Salesforce logs one: a completed Task of subtype Call (CallType, CallDurationInSeconds). */
function callTask(call: CallActivity) {
  return {
    Subject: callTitle(call),
    TaskSubtype: 'Call',
    Status: 'Completed',
    CallType: call.direction === 'inbound' ? 'Inbound' : 'Outbound',
    CallDisposition: call.outcome,
    ActivityDate: call.occurredAt.slice(0, 10),
    ...(call.durationSeconds && { CallDurationInSeconds: Number(call.durationSeconds) }),
    ...callDescription(call),
  };
}

/**
 * A Task keeps the note and the recording link in its Description, so an update of either writes both:
 * a logged call's update gives the note it has with the recording link.
 */
function callDescription(call: CallUpdate): { Description?: string } {
  const lines = [call.note, call.recordingUrl && `Recording: ${call.recordingUrl}`].filter(Boolean);
  return lines.length > 0 ? { Description: lines.join('\n') } : {};
}

interface SObject {
  Id: string;
  LastModifiedDate?: string;
  [field: string]: unknown;
}

/** A SOQL string literal: backslashes and quotes escaped as Salesforce documents. */
const literal = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
/** SOSL reserves these characters inside FIND {…}. */
const soslTerm = (value: string) => value.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, (c) => `\\${c}`);

/** A write path `Account.Name` sets the lookup `AccountId` to the Account of that Name (found or created). */
const relation = (path: string) => /^([A-Z]\w*)\.(\w+)$/.exec(path);

/** Salesforce REST: sObjects for create, read, update and delete; SOQL to look up and list; SOSL to search. */
export const salesforceCrmDriver = defineCrmDriver<OAuthTokenSet, SalesforceSettings>({
  provider: salesforceProvider,
  defaults: {
    'contact.email': 'Email',
    'contact.phone': 'Phone',
    'contact.firstName': 'FirstName',
    'contact.lastName': 'LastName',
    'contact.jobTitle': 'Title',
    'contact.companyName': 'Account.Name',
    'company.name': 'Name',
    'company.domain': 'Website',
    'company.phone': 'Phone',
  },
  open({ call, mapping, createOnce }) {
    const { credential, settings } = call;
    const base = dataUrl(settings);
    const request = (method: string, body?: unknown) => ({
      method,
      headers: { ...bearer(credential.accessToken), 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const selected = (object: CrmObject) =>
      ['Id', 'LastModifiedDate', ...readPaths(mapping, object)].join(', ');
    const page = (sobject: string, id: string) =>
      `${settings.instanceUrl.replace(/\/$/, '')}/lightning/r/${sobject}/${id}/view`;
    const view = (object: CrmObject, found: SObject): CrmRecord => ({
      object,
      externalId: found.Id,
      fields: fromVendorFields(mapping, object, found),
      recordUrl: page(SOBJECTS[object], found.Id),
      updatedAt: found.LastModifiedDate ? new Date(found.LastModifiedDate).toISOString() : null,
    });
    const soql = async (query: string) =>
      (
        await vendorJson<{ records: SObject[] }>(
          `${base}/query?q=${encodeURIComponent(query)}`,
          request('GET'),
          salesforceMessages,
        )
      ).records;
    const select = async (object: CrmObject, where: string, limit: number) =>
      (
        await soql(
          `SELECT ${selected(object)} FROM ${SOBJECTS[object]}${where} ORDER BY LastModifiedDate DESC LIMIT ${limit}`,
        )
      ).map((found) => view(object, found));
    const read = async (object: CrmObject, id: string) => {
      if (!/^[a-zA-Z0-9]{15,18}$/.test(id)) return null;
      return (await select(object, ` WHERE Id = ${literal(id)}`, 1))[0] ?? null;
    };
    /** Canonical fields → sObject fields, relation paths (`Account.Name`) resolved to lookup ids. */
    const writable = async (object: CrmObject, fields: Record<string, string>) => {
      const vendor: Record<string, string> = {};
      for (const [path, value] of Object.entries(toVendorFields(mapping, object, fields))) {
        const related = relation(path);
        if (related?.[1] && related[2])
          vendor[`${related[1]}Id`] = await relatedId(related[1], related[2], value);
        else vendor[path] = value;
      }
      return vendor;
    };
    const relatedId = async (sobject: string, field: string, value: string) => {
      const [found] = await soql(`SELECT Id FROM ${sobject} WHERE ${field} = ${literal(value)} LIMIT 1`);
      if (found) return found.Id;
      return (
        await vendorJson<{ id: string }>(
          `${base}/sobjects/${sobject}`,
          request('POST', { [field]: value }),
          salesforceMessages,
        )
      ).id;
    };
    const lookup = async (key: string, value: string) =>
      (await select('contact', ` WHERE ${vendorPath(mapping, key, 'read')} = ${literal(value)}`, 1))[0];

    return {
      testConnection: () => connectionCheck(() => salesforceProvider.verify(call)),
      async lookupCustomer({ phone, email, externalId }) {
        if (externalId) return read('contact', externalId);
        const byPhone = phone ? await lookup('contact.phone', phone) : undefined;
        if (byPhone) return byPhone;
        return (email ? await lookup('contact.email', email) : undefined) ?? null;
      },
      async searchRecords({ object, query, limit }) {
        const sosl = `FIND {${soslTerm(query)}} IN ALL FIELDS RETURNING ${SOBJECTS[object]}(${selected(object)}) LIMIT ${limit}`;
        const found = await vendorJson<{ searchRecords: SObject[] }>(
          `${base}/search?q=${encodeURIComponent(sosl)}`,
          request('GET'),
          salesforceMessages,
        );
        return { records: found.searchRecords.map((record) => view(object, record)) };
      },
      createRecord({ object, fields, idempotencyKey }) {
        if (object === 'call') {
          const activity = callActivityOf(fields);
          const party = remoteParty(activity);
          return createOnce(idempotencyKey, async () => {
            const contact = party ? await lookup('contact.phone', party) : undefined;
            const task = { ...callTask(activity), ...(contact && { WhoId: contact.externalId }) };
            const { id } = await vendorJson<{ id: string }>(
              `${base}/sobjects/Task`,
              request('POST', task),
              writeMessages(salesforceMessages, 'call'),
            );
            return { object: 'call', externalId: id, fields, recordUrl: page('Task', id), updatedAt: null };
          });
        }
        toVendorFields(mapping, object, fields);
        return createOnce(idempotencyKey, async () => {
          const body = await writable(object, fields);
          const { id } = await vendorJson<{ id: string }>(
            `${base}/sobjects/${SOBJECTS[object]}`,
            request('POST', body),
            writeMessages(salesforceMessages, object),
          );
          return (await read(object, id)) ?? recordNotFound('Salesforce', object, id);
        });
      },
      async updateRecord({ object, externalId, fields }) {
        const patch = async (sobject: string, body: Record<string, unknown>) => {
          try {
            await vendorRequest(
              `${base}/sobjects/${sobject}/${encodeURIComponent(externalId)}`,
              request('PATCH', body),
              writeMessages(salesforceMessages, object, externalId),
            );
          } catch (error) {
            if (error instanceof VendorError && error.details.status === 404)
              recordNotFound('Salesforce', object, externalId);
            throw error;
          }
        };
        if (object === 'call') {
          await patch('Task', callDescription(callUpdateOf(fields)));
          return { object, externalId, fields, recordUrl: page('Task', externalId), updatedAt: null };
        }
        await patch(SOBJECTS[object], await writable(object, fields));
        return (await read(object, externalId)) ?? recordNotFound('Salesforce', object, externalId);
      },
      async listRecent({ object, since, limit }) {
        const where = since
          ? ` WHERE LastModifiedDate >= ${new Date(since).toISOString().replace(/\.\d{3}Z$/, 'Z')}`
          : '';
        return { records: await select(object, where, limit) };
      },
      async deleteRecord({ object, externalId }) {
        await vendorRequest(
          `${base}/sobjects/${SOBJECTS[object]}/${encodeURIComponent(externalId)}`,
          request('DELETE'),
          {
            ...salesforceMessages,
            rejected: (detail) => `Salesforce refused to delete ${object} ${externalId}: ${detail}`,
            rejectedField: 'externalId',
          },
        );
        // Deleted records go to the Recycle Bin for 15 days.
        return { deleted: true, hardDeleted: false };
      },
    };
  },
});
