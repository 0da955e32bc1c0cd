import { z } from 'zod';
import { defineProvider } from '../provider-definition';
import { basic, bearer, type VendorMessages, vendorJson } from '../vendor-http';

const verb = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string) =>
  z
    .object({
      method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
      path: z
        .string()
        .startsWith('/', 'expected a path under baseUrl, starting with /')
        .describe('Placeholders: {object} {id} {field} {value} {query} {since} {limit}, URL-encoded.'),
    })
    .default({ method, path });

/** A CRM with a REST API we ship no driver for: where it is, how to sign in, one request template per verb. */
export const genericRestSettings = z.object({
  baseUrl: z.url(),
  authType: z.enum(['bearer', 'basic', 'header']).default('bearer'),
  /** The header carrying the secret when authType is `header`. */
  authHeader: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'expected a header name such as X-API-Key')
    .default('X-API-Key'),
  objectPaths: z
    .object({
      contact: z.string().min(1),
      company: z.string().min(1),
      call: z.string().min(1).default('calls').describe('Where logged calls are created.'),
    })
    .default({ contact: 'contacts', company: 'companies', call: 'calls' }),
  templates: z
    .object({
      get: verb('GET', '/{object}/{id}'),
      find: verb('GET', '/{object}?{field}={value}&limit={limit}'),
      search: verb('GET', '/{object}?q={query}&limit={limit}'),
      listRecent: verb('GET', '/{object}?updatedSince={since}&limit={limit}'),
      create: verb('POST', '/{object}'),
      update: verb('PATCH', '/{object}/{id}'),
      /** Null: the CRM has no delete API (`delete_unsupported`). */
      delete: verb('DELETE', '/{object}/{id}').nullable(),
    })
    .prefault({}),
  /** Where a list answer keeps its records (dotted; empty: the answer is the list). */
  listPath: z.string().default('data'),
  idPath: z.string().min(1).default('id'),
  updatedAtPath: z.string().min(1).default('updatedAt'),
  /** Whether DELETE removes the record for good (false: it archives). */
  hardDeletes: z.boolean().default(true),
  /** Sent with creates and keyed updates when the CRM takes one (`Idempotency-Key`). */
  idempotencyHeader: z.string().optional(),
});
export type GenericRestSettings = z.infer<typeof genericRestSettings>;

export const genericRestCredential = z.object({
  secret: z.string().min(1, 'expected the API token, key or password'),
  /** For basic auth. */
  username: z.string().optional(),
});
export type GenericRestCredential = z.infer<typeof genericRestCredential>;

export function authHeaders(
  credential: GenericRestCredential,
  settings: GenericRestSettings,
): Record<string, string> {
  if (settings.authType === 'basic') return basic(credential.username ?? '', credential.secret);
  if (settings.authType === 'header') return { [settings.authHeader]: credential.secret };
  return bearer(credential.secret);
}

export const genericRestMessages: VendorMessages = {
  vendor: 'The CRM',
  auth: 'The CRM refused the credential — check the secret and the auth type (bearer, basic or header)',
  authField: 'credential.secret',
  rejected: (detail) => `The CRM refused the request: ${detail}`,
  detail: (body) => {
    const error =
      (body as { error?: unknown; message?: unknown }).error ?? (body as { message?: unknown }).message;
    return typeof error === 'string' ? error : (error as { message?: string } | undefined)?.message;
  },
};

/** Any CRM with a REST API: base URL, auth type and per-verb request templates (docs/decisions/0112). */
export const genericRestProvider = defineProvider({
  id: 'generic-rest',
  name: 'Generic REST CRM',
  authType: 'api_key',
  credentialKind: 'api_key',
  credential: genericRestCredential,
  settings: genericRestSettings,
  whereToFind: "The CRM's API settings: an API token (or user and password) and its API base URL",
  async verify({ credential, settings }) {
    const path = settings.templates.listRecent.path.replaceAll('{object}', settings.objectPaths.contact);
    const url = `${settings.baseUrl.replace(/\/$/, '')}${path.replaceAll('{since}', '').replaceAll('{limit}', '1')}`;
    await vendorJson(
      url,
      { method: settings.templates.listRecent.method, headers: authHeaders(credential, settings) },
      {
        ...genericRestMessages,
        rejected: (detail) =>
          `The CRM did not answer the listRecent template (${detail}) — check baseUrl and templates`,
        rejectedField: 'settings.baseUrl',
      },
    );
  },
  tools: {},
});
