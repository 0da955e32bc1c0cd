import { type crmRecordView, invalid } from '@suite/contracts';
import { z } from 'zod';
import { type CrmDriver, connectionCheck, recordNotFound, type WriteOnce } from './crm-driver';
import type { CrmObject, CrmRecord } from './crm-driver.schema';
import { type CrmRecordsApi, crmCall } from './crm-records.client';
import { type FieldMapping, fromVendorFields, toVendorFields, vendorPath } from './field-mapping';

/** The suite's own CRM module as an org's CRM: its field names (`CRM_RECORD_FIELDS`) by canonical key. */
export const SUITE_CRM = {
  id: 'crm',
  name: 'One Stack CRM',
  defaults: {
    'contact.email': 'email',
    'contact.phone': 'phone',
    'contact.firstName': 'firstName',
    'contact.lastName': 'lastName',
    'contact.jobTitle': 'title',
    'contact.companyName': 'companyName',
    'company.name': 'name',
    'company.domain': 'domain',
  },
} as const;

const crmId = z.uuid();

function callsRefused(): never {
  throw invalid(
    'object: our CRM logs calls on its timeline from Voice itself; `call` is for an external CRM',
    'object',
  );
}

/** Our CRM through its integration API (`crm:records.*`), never its code or its tables. */
export function suiteCrmDriver(crm: CrmRecordsApi, mapping: FieldMapping, createOnce: WriteOnce): CrmDriver {
  const view = (record: z.infer<typeof crmRecordView>): CrmRecord => ({
    object: record.object,
    externalId: record.id,
    fields: fromVendorFields(mapping, record.object, record.fields),
    recordUrl: null,
    updatedAt: record.updatedAt,
  });
  const get = async (object: CrmObject, externalId: string) => {
    if (!crmId.safeParse(externalId).success) return null;
    const record = await crmCall(() => crm.records.get.query({ object, id: externalId }));
    return record && view(record);
  };
  const findContact = async (key: string, value: string) => {
    const field = vendorPath(mapping, key, 'read');
    const { records } = await crmCall(() =>
      crm.records.find.query({ object: 'contact', field, value, limit: 1 }),
    );
    return records[0] && view(records[0]);
  };
  const existing = (object: CrmObject, externalId: string) =>
    crmId.safeParse(externalId).success ? externalId : recordNotFound('CRM', object, externalId);

  return {
    testConnection: () =>
      connectionCheck(() => crmCall(() => crm.records.listRecent.query({ object: 'contact', limit: 1 }))),
    async lookupCustomer({ phone, email, externalId }) {
      if (externalId) return get('contact', externalId);
      const byPhone = phone ? await findContact('contact.phone', phone) : undefined;
      if (byPhone) return byPhone;
      return (email ? await findContact('contact.email', email) : undefined) ?? null;
    },
    async searchRecords({ object, query, limit }) {
      const { records } = await crmCall(() => crm.records.search.query({ object, query, limit }));
      return { records: records.map(view) };
    },
    async createRecord({ object, fields, idempotencyKey }) {
      if (object === 'call') return callsRefused();
      const vendorFields = toVendorFields(mapping, object, fields);
      return createOnce(idempotencyKey, async () =>
        view(await crmCall(() => crm.records.create.mutate({ object, fields: vendorFields }))),
      );
    },
    async updateRecord({ object, externalId, fields }) {
      if (object === 'call') return callsRefused();
      const vendorFields = toVendorFields(mapping, object, fields);
      const id = existing(object, externalId);
      return view(await crmCall(() => crm.records.update.mutate({ object, id, fields: vendorFields })));
    },
    async listRecent({ object, since, limit }) {
      const { records } = await crmCall(() => crm.records.listRecent.query({ object, since, limit }));
      return { records: records.map(view) };
    },
    async deleteRecord({ object, externalId }) {
      const id = existing(object, externalId);
      return crmCall(() => crm.records.delete.mutate({ object, id }));
    },
  };
}
