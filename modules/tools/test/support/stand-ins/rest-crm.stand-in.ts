import { randomUUID } from 'node:crypto';
import { type StandIn, type StandInReply, type StandInRequest, startStandIn } from './stand-in-server';

export const REST_CRM_KEY = 'rest-crm-stand-in-key-0001';

interface StoredRecord {
  id: string;
  updatedAt: string;
  [field: string]: string;
}

export interface RestCrmStandIn extends StandIn {
  /** Contacts created (POST /api/contacts). */
  createdContacts(): number;
  stored(collection: 'contacts' | 'companies' | 'calls', id: string): StoredRecord | undefined;
  /** Calls logged (POST /api/calls), in order. */
  calls(): StoredRecord[];
}

const unauthorized: StandInReply = { status: 401, body: { error: { message: 'invalid API key' } } };
const notFound: StandInReply = { status: 404, body: { error: { message: 'record not found' } } };

/**
 * A small CRM with a plain JSON REST API, the kind the generic driver is for: `X-API-Key`, collections
 * under /api, `?field=value` filters, `?q=` search, `?updatedSince=`, answers `{ data: [...] }`.
 */
export async function startRestCrmStandIn(): Promise<RestCrmStandIn> {
  const collections = {
    contacts: new Map<string, StoredRecord>(),
    companies: new Map<string, StoredRecord>(),
    calls: new Map<string, StoredRecord>(),
  };
  type Name = keyof typeof collections;
  let createdContacts = 0;
  let last = 0;
  const now = () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last).toISOString();
  };
  const keyed =
    (route: (request: StandInRequest, name: Name, id: string) => StandInReply) =>
    (request: StandInRequest, match: RegExpExecArray) =>
      request.headers['x-api-key'] === REST_CRM_KEY
        ? route(request, match[1] as Name, match[2] ?? '')
        : unauthorized;

  const standIn = await startStandIn({
    'GET /api/(contacts|companies)': keyed((request, name) => {
      const params = [...request.query.entries()];
      const query = request.query.get('q')?.toLowerCase();
      const since = request.query.get('updatedSince');
      const limit = Number(request.query.get('limit') || 50);
      const filters = params.filter(([key]) => !['q', 'updatedSince', 'limit'].includes(key));
      const data = [...collections[name].values()]
        .filter((record) =>
          filters.every(([key, value]) => record[key]?.toLowerCase() === value.toLowerCase()),
        )
        .filter(
          (record) => !query || Object.values(record).some((value) => value.toLowerCase().includes(query)),
        )
        .filter((record) => !since || record.updatedAt >= new Date(since).toISOString())
        .toSorted((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, limit);
      return { status: 200, body: { data } };
    }),
    'POST /api/(contacts|companies|calls)': keyed((request, name) => {
      const record = { ...(request.fields as Record<string, string>), id: randomUUID(), updatedAt: now() };
      collections[name].set(record.id, record);
      if (name === 'contacts') createdContacts++;
      return { status: 201, body: record };
    }),
    'GET /api/(contacts|companies)/([\\w-]+)': keyed((_request, name, id) => {
      const record = collections[name].get(id);
      return record ? { status: 200, body: record } : notFound;
    }),
    'PATCH /api/(contacts|companies|calls)/([\\w-]+)': keyed((request, name, id) => {
      const record = collections[name].get(id);
      if (!record) return notFound;
      Object.assign(record, request.fields, { updatedAt: now() });
      return { status: 200, body: record };
    }),
    'DELETE /api/(contacts|companies)/([\\w-]+)': keyed((_request, name, id) =>
      collections[name].delete(id) ? { status: 204 } : notFound,
    ),
  });
  return Object.assign(standIn, {
    createdContacts: () => createdContacts,
    stored: (collection: Name, id: string) => collections[collection].get(id),
    calls: () => [...collections.calls.values()],
  });
}
