import { OAuthServer } from './oauth.stand-in';
import { type StandIn, type StandInReply, type StandInRequest, startStandIn } from './stand-in-server';

/** The properties a fresh HubSpot portal has (a subset); writing any other one is refused as HubSpot does. */
const PROPERTIES = {
  contacts: ['email', 'phone', 'mobilephone', 'firstname', 'lastname', 'jobtitle', 'company'],
  companies: ['name', 'domain', 'phone', 'city'],
  calls: [
    'hs_timestamp',
    'hs_call_title',
    'hs_call_body',
    'hs_call_direction',
    'hs_call_status',
    'hs_call_duration',
    'hs_call_from_number',
    'hs_call_to_number',
    'hs_call_recording_url',
  ],
} as const;
type ObjectType = keyof typeof PROPERTIES;

interface StoredObject {
  id: string;
  properties: Record<string, string>;
  /** Records this one is associated with at creation (`associations[].to.id`). */
  associatedIds: string[];
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface HubspotStandIn extends StandIn {
  readonly oauth: OAuthServer;
  /** Contacts created (POST /crm/v3/objects/contacts), archived ones included. */
  createdContacts(): number;
  /** A record as HubSpot stores it, by its property names. */
  stored(type: ObjectType, id: string): StoredObject | undefined;
  /** Calls logged (POST /crm/v3/objects/calls), in order. */
  calls(): StoredObject[];
  /** While `outage` is set, logging a call answers HubSpot's 503. */
  readonly state: { outage: boolean };
}

const error = (status: number, category: string, message: string): StandInReply => ({
  status,
  body: { status: 'error', message, correlationId: '7a1c7c1e-0000-4000-8000-000000000000', category },
});
const unauthorized = error(
  401,
  'INVALID_AUTHENTICATION',
  'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
);
const notFound = error(404, 'OBJECT_NOT_FOUND', 'resource not found');

interface Filter {
  propertyName: string;
  operator: string;
  value: string;
}

/** What HubSpot compares: dates as epoch milliseconds, everything else as text. */
function matches(record: StoredObject, filter: Filter): boolean {
  const value = record.properties[filter.propertyName];
  if (value === undefined) return false;
  if (filter.operator === 'EQ') return value.toLowerCase() === filter.value.toLowerCase();
  if (filter.operator === 'GTE') return Date.parse(value) >= Number(filter.value);
  return false;
}

/**
 * HubSpot's CRM v3 objects API for contacts, companies and calls (`hs_timestamp` required): Bearer OAuth
 * tokens, `{ properties }` bodies, search with filter groups, sorts and a full-text `query`, archive on DELETE, and HubSpot's error shape.
 */
export async function startHubspotStandIn(): Promise<HubspotStandIn> {
  const oauth = new OAuthServer();
  const records: Record<ObjectType, Map<string, StoredObject>> = {
    contacts: new Map(),
    companies: new Map(),
    calls: new Map(),
  };
  const state = { outage: false };
  let nextId = 51;
  let createdContacts = 0;
  let lastTime = 0;
  // Strictly increasing, so "most recently modified first" has one answer.
  const now = () => {
    lastTime = Math.max(Date.now(), lastTime + 1);
    return new Date(lastTime).toISOString();
  };

  const invalidProperties = (
    type: ObjectType,
    properties: Record<string, unknown>,
  ): StandInReply | undefined => {
    const unknown = Object.keys(properties).filter(
      (name) => !(PROPERTIES[type] as readonly string[]).includes(name),
    );
    if (unknown.length === 0) return undefined;
    const details = unknown.map((name) => ({
      isValid: false,
      message: `Property "${name}" does not exist`,
      error: 'PROPERTY_DOESNT_EXIST',
      name,
    }));
    return error(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(details)}`);
  };
  const view = (record: StoredObject, wanted: readonly string[]) => ({
    id: record.id,
    properties: {
      hs_object_id: record.id,
      createdate: record.createdAt,
      lastmodifieddate: record.updatedAt,
      ...Object.fromEntries(wanted.map((name) => [name, record.properties[name] ?? null])),
    },
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
  });
  const live = (type: ObjectType, id: string) => {
    const record = records[type].get(id);
    return record && !record.archived ? record : undefined;
  };
  const authorized =
    (route: (request: StandInRequest, type: ObjectType, id: string) => StandInReply) =>
    (request: StandInRequest, match: RegExpExecArray) =>
      oauth.authorized(request) ? route(request, match[1] as ObjectType, match[2] ?? '') : unauthorized;

  const standIn = await startStandIn({
    ...oauth.routes,
    'GET /crm/v3/objects/(contacts|companies)': authorized((request, type) => {
      const limit = Number(request.query.get('limit') ?? 10);
      const found = [...records[type].values()].filter((record) => !record.archived).slice(0, limit);
      return { status: 200, body: { results: found.map((record) => view(record, [])) } };
    }),
    'POST /crm/v3/objects/(contacts|companies|calls)': authorized((request, type) => {
      const properties = (request.fields.properties ?? {}) as Record<string, string>;
      const refused = invalidProperties(type, properties);
      if (refused) return refused;
      if (type === 'calls' && state.outage)
        return error(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable');
      if (type === 'calls' && !properties.hs_timestamp)
        return error(400, 'VALIDATION_ERROR', 'Property values were not valid: hs_timestamp is required');
      const at = now();
      const associations = (request.fields.associations ?? []) as { to: { id: string } }[];
      const record = {
        id: String(nextId++),
        properties: { ...properties },
        associatedIds: associations.map((association) => association.to.id),
        createdAt: at,
        updatedAt: at,
        archived: false,
      };
      record.properties.hs_lastmodifieddate = at;
      records[type].set(record.id, record);
      if (type === 'contacts') createdContacts++;
      return { status: 201, body: view(record, Object.keys(properties)) };
    }),
    'POST /crm/v3/objects/(contacts|companies)/search': authorized((request, type) => {
      const body = request.fields as {
        filterGroups?: { filters: Filter[] }[];
        query?: string;
        properties?: string[];
        limit?: number;
      };
      const query = body.query?.toLowerCase();
      const found = [...records[type].values()]
        .filter((record) => !record.archived)
        .filter(
          (record) =>
            !body.filterGroups?.length ||
            body.filterGroups.some((group) => group.filters.every((filter) => matches(record, filter))),
        )
        .filter(
          (record) =>
            !query || Object.values(record.properties).some((value) => value.toLowerCase().includes(query)),
        )
        .toSorted((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .slice(0, body.limit ?? 10);
      return {
        status: 200,
        body: { total: found.length, results: found.map((record) => view(record, body.properties ?? [])) },
      };
    }),
    'GET /crm/v3/objects/(contacts|companies)/(\\d+)': authorized((request, type, id) => {
      const record = live(type, id);
      if (!record) return notFound;
      return {
        status: 200,
        body: view(record, (request.query.get('properties') ?? '').split(',').filter(Boolean)),
      };
    }),
    'PATCH /crm/v3/objects/(contacts|companies|calls)/(\\d+)': authorized((request, type, id) => {
      const record = live(type, id);
      if (!record) return notFound;
      const properties = (request.fields.properties ?? {}) as Record<string, string>;
      const refused = invalidProperties(type, properties);
      if (refused) return refused;
      Object.assign(record.properties, properties);
      record.updatedAt = now();
      record.properties.hs_lastmodifieddate = record.updatedAt;
      return { status: 200, body: view(record, Object.keys(properties)) };
    }),
    'DELETE /crm/v3/objects/(contacts|companies)/(\\d+)': authorized((_request, type, id) => {
      const record = live(type, id);
      if (!record) return notFound;
      record.archived = true;
      return { status: 204 };
    }),
  });
  return Object.assign(standIn, {
    oauth,
    createdContacts: () => createdContacts,
    stored: (type: ObjectType, id: string) => records[type].get(id),
    calls: () => [...records.calls.values()],
    state,
  });
}
