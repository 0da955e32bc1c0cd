import { randomBytes } from 'node:crypto';
import { OAuthServer } from './oauth.stand-in';
import { type StandIn, type StandInReply, type StandInRequest, startStandIn } from './stand-in-server';

/** The fields of a fresh org (a subset); any other one is refused as Salesforce does. */
const FIELDS = {
  Contact: ['FirstName', 'LastName', 'Email', 'Phone', 'MobilePhone', 'Title', 'AccountId', 'Department'],
  Account: ['Name', 'Website', 'Phone', 'Industry'],
  Task: [
    'Subject',
    'Status',
    'TaskSubtype',
    'CallType',
    'CallDurationInSeconds',
    'CallDisposition',
    'ActivityDate',
    'Description',
    'WhoId',
  ],
} as const;
// A Task's Status and Priority take the org's picklist defaults; nothing else is required.
const REQUIRED = { Contact: 'LastName', Account: 'Name', Task: null } as const;
const PREFIX = { Contact: '003', Account: '001', Task: '00T' } as const;
type SObjectType = keyof typeof FIELDS;

interface StoredSObject {
  Id: string;
  type: SObjectType;
  fields: Record<string, string | null>;
  LastModifiedDate: string;
  IsDeleted: boolean;
}

export interface SalesforceStandIn extends StandIn {
  readonly oauth: OAuthServer;
  /** Contacts created (POST …/sobjects/Contact), deleted ones included. */
  createdContacts(): number;
  /** A record as Salesforce stores it, by its field names. */
  stored(type: SObjectType, id: string): StoredSObject | undefined;
  /** Tasks of subtype Call (logged calls), in order. */
  calls(): StoredSObject[];
}

const errors = (status: number, errorCode: string, message: string, fields: string[] = []): StandInReply => ({
  status,
  body: [{ message, errorCode, fields }],
});
const unauthorized = errors(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
const notFound = errors(404, 'NOT_FOUND', 'The requested resource does not exist');
const noSuchColumn = (type: string, field: string) =>
  errors(400, 'INVALID_FIELD', `No such column '${field}' on entity '${type}'.`);

/** Salesforce's datetime format: `2026-11-29T22:35:00.000+0000`, strictly increasing for a clear order. */
function clock() {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last).toISOString().replace('Z', '+0000');
  };
}

const unquote = (literal: string) =>
  literal.startsWith("'") ? literal.slice(1, -1).replace(/\\(.)/g, '$1') : literal;

const SOQL =
  /^SELECT (.+?) FROM (\w+)(?: WHERE (\S+) (=|>=) ('(?:[^'\\]|\\.)*'|\S+))?(?: ORDER BY LastModifiedDate DESC)?(?: LIMIT (\d+))?$/;
const SOSL = /^FIND \{(.+)\} IN ALL FIELDS RETURNING (\w+)\(([^)]*)\) LIMIT (\d+)$/;

/**
 * Salesforce's REST API for Contact, Account and Task (logged calls): Bearer sessions, sObject create/read/update/delete,
 * SOQL (one WHERE comparison, ORDER BY LastModifiedDate, LIMIT) with `Account.Name` relationship reads,
 * SOSL FIND, and Salesforce's `[{ message, errorCode, fields }]` errors.
 */
export async function startSalesforceStandIn(): Promise<SalesforceStandIn> {
  const oauth = new OAuthServer();
  const records = new Map<string, StoredSObject>();
  const now = clock();
  let createdContacts = 0;

  const live = (type: string, id: string) => {
    const record = records.get(id);
    return record && record.type === type && !record.IsDeleted ? record : undefined;
  };
  const fieldValue = (record: StoredSObject, field: string): string | null | undefined => {
    if (field === 'Id') return record.Id;
    if (field === 'LastModifiedDate') return record.LastModifiedDate;
    return record.fields[field];
  };
  /** A record as SOQL returns it: `attributes`, the selected fields, relationship fields nested. */
  const view = (record: StoredSObject, selected: string[]) => {
    const row: Record<string, unknown> = {
      attributes: { type: record.type, url: `/sobjects/${record.type}/${record.Id}` },
    };
    for (const field of selected) {
      const [relation, relatedField] = field.split('.');
      if (relatedField && relation) {
        const related = live('Account', record.fields[`${relation}Id`] ?? '');
        row[relation] = related
          ? { attributes: { type: related.type }, [relatedField]: fieldValue(related, relatedField) }
          : null;
      } else row[field] = fieldValue(record, field) ?? null;
    }
    return row;
  };
  const unknownField = (type: SObjectType, fields: string[]) =>
    fields.find(
      (field) =>
        !['Id', 'LastModifiedDate', 'Account.Name'].includes(field) &&
        !(FIELDS[type] as readonly string[]).includes(field),
    );
  const matches = (record: StoredSObject, field: string, operator: string, literal: string) => {
    const value = fieldValue(record, field);
    if (value === undefined || value === null) return false;
    if (operator === '>=') return Date.parse(value.replace('+0000', 'Z')) >= Date.parse(literal);
    return value.toLowerCase() === unquote(literal).toLowerCase();
  };
  const authorized =
    (route: (request: StandInRequest, match: RegExpExecArray) => StandInReply) =>
    (request: StandInRequest, match: RegExpExecArray) =>
      oauth.authorized(request) ? route(request, match) : unauthorized;
  const newest = (a: StoredSObject, b: StoredSObject) => b.LastModifiedDate.localeCompare(a.LastModifiedDate);
  const v = '/services/data/v\\d+\\.0';

  const standIn = await startStandIn({
    ...oauth.routes,
    [`GET ${v}/limits`]: authorized(() => ({
      status: 200,
      body: { DailyApiRequests: { Max: 15000, Remaining: 14999 } },
    })),
    [`POST ${v}/sobjects/(Contact|Account|Task)`]: authorized((request, match) => {
      const type = match[1] as SObjectType;
      const fields = request.fields as Record<string, string>;
      const unknown = unknownField(type, Object.keys(fields));
      if (unknown) return noSuchColumn(type, unknown);
      const required = REQUIRED[type];
      if (required && !fields[required])
        return errors(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${required}]`, [
          required,
        ]);
      const id = `${PREFIX[type]}${randomBytes(8).toString('hex').slice(0, 15)}`;
      records.set(id, { Id: id, type, fields: { ...fields }, LastModifiedDate: now(), IsDeleted: false });
      if (type === 'Contact') createdContacts++;
      return { status: 201, body: { id, success: true, errors: [] } };
    }),
    [`PATCH ${v}/sobjects/(Contact|Account|Task)/(\\w+)`]: authorized((request, match) => {
      const type = match[1] as SObjectType;
      const record = live(type, match[2] ?? '');
      if (!record) return notFound;
      const fields = request.fields as Record<string, string>;
      const unknown = unknownField(type, Object.keys(fields));
      if (unknown) return noSuchColumn(type, unknown);
      Object.assign(record.fields, fields);
      record.LastModifiedDate = now();
      return { status: 204 };
    }),
    [`DELETE ${v}/sobjects/(Contact|Account)/(\\w+)`]: authorized((_request, match) => {
      const record = live(match[1] ?? '', match[2] ?? '');
      if (!record) return notFound;
      record.IsDeleted = true;
      return { status: 204 };
    }),
    [`GET ${v}/query`]: authorized((request) => {
      const query = SOQL.exec(request.query.get('q') ?? '');
      if (!query) return errors(400, 'MALFORMED_QUERY', 'unexpected token');
      const [, select = '', type = '', field, operator, literal, limit] = query;
      if (!(type in FIELDS)) return errors(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`);
      const selected = select.split(',').map((name) => name.trim());
      const unknown = unknownField(type as SObjectType, [...selected, ...(field ? [field] : [])]);
      if (unknown) return noSuchColumn(type, unknown);
      const found = [...records.values()]
        .filter((record) => record.type === type && !record.IsDeleted)
        .filter((record) => !field || matches(record, field, operator ?? '=', literal ?? ''))
        .toSorted(newest)
        .slice(0, Number(limit ?? 2000));
      return {
        status: 200,
        body: { totalSize: found.length, done: true, records: found.map((r) => view(r, selected)) },
      };
    }),
    [`GET ${v}/search`]: authorized((request) => {
      const search = SOSL.exec(request.query.get('q') ?? '');
      if (!search) return errors(400, 'MALFORMED_SEARCH', 'unexpected token');
      const [, term = '', type = '', select = '', limit] = search;
      const words = term.replace(/\\(.)/g, '$1').toLowerCase().split(/\s+/);
      const selected = select.split(',').map((name) => name.trim());
      const found = [...records.values()]
        .filter((record) => record.type === type && !record.IsDeleted)
        .filter((record) => {
          const text = Object.values(record.fields).join(' ').toLowerCase();
          return words.every((word) => text.includes(word));
        })
        .toSorted(newest)
        .slice(0, Number(limit));
      return { status: 200, body: { searchRecords: found.map((record) => view(record, selected)) } };
    }),
  });
  return Object.assign(standIn, {
    oauth,
    createdContacts: () => createdContacts,
    calls: () =>
      [...records.values()].filter(
        (record) => record.type === 'Task' && record.fields.TaskSubtype === 'Call',
      ),
    stored: (type: SObjectType, id: string) => {
      const record = records.get(id);
      return record?.type === type ? record : undefined;
    },
  });
}
