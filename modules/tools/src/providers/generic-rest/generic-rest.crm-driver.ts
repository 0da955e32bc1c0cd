import { callActivityOf, callUpdateOf, remoteParty } from '../../crm-drivers/call-activity';
import { connectionCheck, DeleteUnsupportedError, defineCrmDriver } from '../../crm-drivers/crm-driver';
import type { CrmCreatableObject, CrmObject, CrmRecord } from '../../crm-drivers/crm-driver.schema';
import { fromVendorFields, toVendorFields, valueAt, vendorPath } from '../../crm-drivers/field-mapping';
import { VendorError } from '../vendor-error';
import { type VendorMessages, vendorRequest } from '../vendor-http';
import {
  authHeaders,
  type GenericRestCredential,
  type GenericRestSettings,
  genericRestMessages,
  genericRestProvider,
} from './generic-rest.provider';

type Verb = keyof GenericRestSettings['templates'];
type Placeholders = Partial<Record<'id' | 'field' | 'value' | 'query' | 'since' | 'limit', string>>;

/** The canonical names themselves: a generic CRM has no built-in names of its own. */
const IDENTITY = {
  'contact.email': 'email',
  'contact.phone': 'phone',
  'contact.firstName': 'firstName',
  'contact.lastName': 'lastName',
  'contact.jobTitle': 'jobTitle',
  'contact.companyName': 'companyName',
  'company.name': 'name',
  'company.domain': 'domain',
  'company.phone': 'phone',
};

/** Each verb is the org's request template filled in; answers are read at the configured paths. */
export const genericRestCrmDriver = defineCrmDriver<GenericRestCredential, GenericRestSettings>({
  provider: genericRestProvider,
  defaults: IDENTITY,
  open({ call, mapping, createOnce }) {
    const { credential, settings } = call;
    const headers = { ...authHeaders(credential, settings), 'content-type': 'application/json' };
    const send = async (
      verb: Verb,
      object: CrmCreatableObject,
      values: Placeholders,
      body?: unknown,
      extra?: Record<string, string>,
    ) => {
      const template = settings.templates[verb];
      if (!template) throw new DeleteUnsupportedError('The CRM');
      let path = template.path.replaceAll('{object}', settings.objectPaths[object]);
      for (const [name, value] of Object.entries(values))
        path = path.replaceAll(`{${name}}`, encodeURIComponent(value ?? ''));
      return vendorRequest(
        `${settings.baseUrl.replace(/\/$/, '')}${path.replace(/\{(since|limit|query|value|field|id)\}/g, '')}`,
        {
          method: template.method,
          headers: { ...headers, ...extra },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        },
        messagesFor(verb, object),
      );
    };
    const identity = (found: unknown) => {
      const updatedAt = valueAt(found, settings.updatedAtPath);
      return {
        externalId: String(valueAt(found, settings.idPath)),
        recordUrl: null,
        updatedAt: typeof updatedAt === 'string' ? new Date(updatedAt).toISOString() : null,
      };
    };
    const view = (object: CrmObject, found: unknown): CrmRecord => ({
      object,
      ...identity(found),
      fields: fromVendorFields(mapping, object, found),
    });
    const list = async (verb: Verb, object: CrmObject, values: Placeholders) => {
      const { body } = await send(verb, object, values);
      const records = settings.listPath ? valueAt(body, settings.listPath) : body;
      if (!Array.isArray(records))
        throw new VendorError(
          'rejected',
          `The CRM's ${verb} answer has no list at "${settings.listPath}" — check listPath`,
          {
            field: 'settings.listPath',
          },
        );
      return records.map((record) => view(object, record));
    };
    const read = async (object: CrmObject, id: string) => {
      try {
        return view(object, (await send('get', object, { id })).body);
      } catch (error) {
        if (error instanceof VendorError && error.details.status === 404) return null;
        throw error;
      }
    };
    const idempotencyHeader = (key: string | undefined) =>
      settings.idempotencyHeader && key ? { [settings.idempotencyHeader]: key } : undefined;
    const find = async (key: string, value: string) =>
      (await list('find', 'contact', { field: vendorPath(mapping, key, 'read'), value, limit: '1' }))[0];

    return {
      testConnection: () => connectionCheck(() => genericRestProvider.verify(call)),
      async lookupCustomer({ phone, email, externalId }) {
        if (externalId) return read('contact', externalId);
        const byPhone = phone ? await find('contact.phone', phone) : undefined;
        if (byPhone) return byPhone;
        return (email ? await find('contact.email', email) : undefined) ?? null;
      },
      async searchRecords({ object, query, limit }) {
        return { records: await list('search', object, { query, limit: String(limit) }) };
      },
      createRecord({ object, fields, idempotencyKey }) {
        const idempotency = idempotencyHeader(idempotencyKey);
        if (object === 'call') {
          // A call is posted in canonical names to the call path, with the contact it was with (0142).
          const activity = callActivityOf(fields);
          const party = remoteParty(activity);
          return createOnce(idempotencyKey, async () => {
            const contact = party ? await find('contact.phone', party) : undefined;
            const body = { ...activity, ...(contact && { contactId: contact.externalId }) };
            const created = (await send('create', 'call', {}, body, idempotency)).body;
            return { object: 'call', ...identity(created), fields };
          });
        }
        const body = toVendorFields(mapping, object, fields);
        return createOnce(idempotencyKey, async () =>
          view(object, (await send('create', object, {}, body, idempotency)).body),
        );
      },
      async updateRecord({ object, externalId, fields, idempotencyKey }) {
        const idempotency = idempotencyHeader(idempotencyKey);
        if (object === 'call') {
          await send('update', 'call', { id: externalId }, callUpdateOf(fields), idempotency);
          return { object, externalId, fields, recordUrl: null, updatedAt: null };
        }
        const body = toVendorFields(mapping, object, fields);
        await send('update', object, { id: externalId }, body, idempotency);
        const updated = await read(object, externalId);
        if (!updated)
          throw new VendorError('rejected', `The CRM has no ${object} ${externalId}; look it up again`, {
            field: 'externalId',
          });
        return updated;
      },
      async listRecent({ object, since, limit }) {
        return { records: await list('listRecent', object, { since: since ?? '', limit: String(limit) }) };
      },
      async deleteRecord({ object, externalId }) {
        await send('delete', object, { id: externalId });
        return { deleted: true, hardDeleted: settings.hardDeletes };
      },
    };
  },
});

function messagesFor(verb: Verb, object: CrmCreatableObject): VendorMessages {
  return {
    ...genericRestMessages,
    rejected: (detail) =>
      `The CRM refused the ${verb} of a ${object}: ${detail} — check the ${verb} template and the org's CRM field mapping`,
    rejectedField: `settings.templates.${verb}`,
  };
}
