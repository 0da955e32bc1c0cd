import { crmIntegrationApi } from '@suite/contracts';
import { z } from 'zod';
import { crmIntegrationRouter } from '../src/integration';

// Renders the CRM section of docs/integration-api.md from the contract and the router, so the
// document cannot drift from what /crm/integration serves (test: integration-api-docs.test.ts).

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
};

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function typeOf(schema: JsonSchema): string {
  const options = schema.anyOf?.filter((option) => option.type !== 'null');
  if (options?.length) return options.map(typeOf).join(' or ');
  if (schema.enum) return schema.enum.map((value) => `\`${String(value)}\``).join(', ');
  if (schema.type === 'array') return `array of ${schema.items ? typeOf(schema.items) : 'any'}`;
  if (schema.format) return `string (${schema.format})`;
  if (schema.pattern?.includes('\\d{1,12}')) return 'decimal string';
  // zod gives every integer the safe-integer bounds; only narrower ones say something.
  const bound = (value: number | undefined) =>
    value === undefined || Math.abs(value) === Number.MAX_SAFE_INTEGER ? '' : String(value);
  const [low, high] = [bound(schema.minimum), bound(schema.maximum)];
  const range = low || high ? ` ${low}–${high}` : '';
  return `${Array.isArray(schema.type) ? schema.type.join(' or ') : (schema.type ?? 'any')}${range}`;
}

const nullable = (schema: JsonSchema) => schema.anyOf?.some((option) => option.type === 'null') ?? false;
const unwrap = (schema: JsonSchema) => schema.anyOf?.find((option) => option.type !== 'null') ?? schema;

function fieldRows(schema: JsonSchema, prefix = ''): string[] {
  const rows: string[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const field = unwrap(raw);
    const path = `${prefix}${name}`;
    const required = schema.required?.includes(name) ? 'yes' : 'no';
    const notes = [
      raw.description ?? field.description,
      nullable(raw) ? 'may be null' : '',
      field.default !== undefined ? `default ${JSON.stringify(field.default)}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    rows.push(`| \`${path}\` | ${cell(typeOf(raw))} | ${required} | ${cell(notes)} |`);
    if (field.type === 'object') rows.push(...fieldRows(field, `${path}.`));
    if (field.type === 'array' && field.items?.type === 'object')
      rows.push(...fieldRows(field.items, `${path}[].`));
  }
  return rows;
}

function table(schema: z.ZodType, io: 'input' | 'output'): string {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return ['| field | type | required | notes |', '| --- | --- | --- | --- |', ...fieldRows(json)].join('\n');
}

const ERRORS = [
  '| HTTP | tRPC code | when |',
  '| --- | --- | --- |',
  '| 400 | `BAD_REQUEST` | input does not match the schema; the message names the field (zod issues with `path`) |',
  '| 401 | `UNAUTHORIZED` | no `X-Integration-Key`, or a malformed, unknown, expired or revoked key |',
  '| 403 | `FORBIDDEN` | the key lacks the scope; the message names it |',
  '| 404 | `NOT_FOUND` | no such company in the key’s org (another org’s company looks the same) |',
].join('\n');

const NOTES: Record<string, string> = {
  'pipeline.context':
    'Open deals (lead, qualified, proposal, negotiation) of the company. `stages` lists every open stage in pipeline order, with 0 when empty; sums are in the org’s currency (deals in another currency are listed in `deals` but not summed). Owners are Hub users; a deactivated one has `active: false`.',
  'activity.list':
    'The company timeline, newest first: CRM actions (deals, quotes, promotion) and what PSA reported (tickets, CSAT, contract signed, status changes, e-sign addendums). Pass `nextCursor` back as `cursor` for the next page; a cursor is a position, so entries added meanwhile do not shift pages. A cursor this API did not give out answers 400 naming `cursor`.',
  'health.get':
    'The stored score (recomputed on every CSAT answer and ticket event), the formula in words and the inputs it came from; `score` and `computedAt` are null until PSA reported anything.',
  'revenue.summary':
    'CRM’s figures for Books’ combined revenue dashboard: open deals by stage now, and the deals won in the period (`from` to `to`, UTC days, inclusive) with their value and new MRR, for one company or all; in the org’s currency (deals in another currency are left out of the sums).',
  'quotes.create':
    'A draft quote for the company from PSA’s "Add Service" flow, numbered per org (`Q-00042`) in the org’s currency, with a `quote.created` entry on the company timeline. `total` is every line’s quantity × unit price (one-time lines plus one month of the recurring ones); `recurringTotal` is the monthly part.',
  'contacts.lookupByPhone':
    'Who is calling: the contacts having this number in any phone field (work, mobile, additional), with their companies, for routing a ringing call. The number is normalised to E.164 in the org’s default country (CRM settings); garbage is a 400 naming `phone`. A contact staff chose for the number before comes first with `match: remembered`; no match sets `createContact`.',
  'contacts.rememberPhoneChoice':
    'Remembers the contact staff chose for a number several contacts share, per org: later lookups of the number answer `remembered` with that contact first.',
  'records.get':
    'CRM as an org’s “customer’s CRM” (the tool layer’s CRM driver, decision 0112): one contact or company as `{ object, id, fields, updatedAt }`, `fields` by CRM’s names (contact: `firstName`, `lastName`, `email`, `phone`, `mobile`, `title`, `companyName`; company: `name`, `domain`), only those with a value; `null` when the org has no such record. CRM keeps one contact name: `firstName` is all of it but the last word.',
  'records.find':
    'Records whose `field` equals `value` in any case (the driver’s lookup by phone or email), most recently changed first. `phone` and `mobile` compare numbers: the value is normalised to E.164 with the org’s default country and matched on the index calls use, so `+44 20 7946 0123` finds `+442079460123`; an unreadable number is a 400 naming `value`. A field that cannot be searched answers 400 naming `field`.',
  'records.search':
    'Records with `query` in a name, email, phone or company name (companies: name or domain), most recently changed first.',
  'records.listRecent': 'Records changed at or after `since`, most recently changed first.',
  'records.create':
    'Creates a contact (with `companyName`: the org’s company of that name in any case, created when there is none) or a company, through the same services as the staff API (phones indexed for call matching, events of promoted companies). A field CRM does not have, or a value its staff API refuses, is a 400 naming `fields.<name>`. The tool layer keeps the idempotency key (decision 0112).',
  'records.update':
    'A partial update: fields left out keep their values, an empty string clears one; `firstName` and `lastName` change apart; `companyName` moves a contact to that company.',
  'records.delete':
    'Deletes a contact (`hardDeleted: true`: CRM keeps no archive). Companies are deleted only from the staff console, where their deals and quotes show: 400 naming `object`.',
};

export function crmIntegrationApiDocs(): string {
  // tRPC keeps a flat map of procedures by dotted path next to the nested router record.
  const procedures = crmIntegrationRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string; meta?: { scope?: string } } }
  >;
  const sections = Object.entries(crmIntegrationApi).map(([path, contract]) => {
    const procedure = procedures[path];
    if (!procedure) throw new Error(`crm integration router has no procedure ${path} of the contract`);
    const kind = procedure._def.type;
    const call =
      kind === 'query'
        ? `GET /crm/integration/${path}?input=<url-encoded JSON>`
        : `POST /crm/integration/${path}  (JSON body)`;
    return [
      `### \`${path}\` (${kind})`,
      '',
      `Scope \`${procedure._def.meta?.scope}\` · \`${call}\``,
      '',
      NOTES[path] ?? '',
      '',
      '**Input**',
      '',
      table(contract.input, 'input'),
      '',
      '**Output** (`result.data`)',
      '',
      table(contract.output, 'output'),
    ].join('\n');
  });
  return [
    'CRM serves these procedures at `/crm/integration` (tRPC over HTTP, no transformer: plain JSON). Every call',
    'carries `X-Integration-Key: osk_…`, a key of one org whose scopes name the procedure (`crm:pipeline.context`,',
    '`crm:activity.*`, `crm:*`); everything it sees is that org’s. Contract: `contracts/src/integration/crm.integration.ts`.',
    '',
    '**Errors** (every procedure; body `{ "error": { "message", "code", "data": { "httpStatus" } } }`)',
    '',
    ERRORS,
    '',
    ...sections.flatMap((section) => [section, '']),
  ]
    .join('\n')
    .trimEnd();
}
