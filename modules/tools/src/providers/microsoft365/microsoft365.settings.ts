import { z } from 'zod';

export const LOGIN_HOST = 'https://login.microsoftonline.com';
export const GRAPH_HOST = 'https://graph.microsoft.com';
export const DEFAULT_FOLDERS = ['inbox', 'sentitems'] as const;

const guid = z.string().regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, 'expected a GUID');

export const m365Mailbox = z.object({
  address: z
    .email('expected the mailbox address (its user principal name)')
    .transform((a) => a.toLowerCase()),
  /** The Hub user the mailbox belongs to: their sequences send from it. */
  userId: z.string().min(1).optional(),
  folders: z
    .array(z.string().min(1).max(200))
    .min(1)
    .max(20)
    .default([...DEFAULT_FOLDERS])
    .describe('Well-known folder names (inbox, sentitems) or folder ids.'),
});
export type M365Mailbox = z.infer<typeof m365Mailbox>;

/** The org's app registration (non-secret) and the staff mailboxes it syncs and may send from. */
export const m365Settings = z.object({
  tenantId: z.union([guid, z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i)], {
    error: 'expected the directory (tenant) id or a verified domain, e.g. contoso.onmicrosoft.com',
  }),
  clientId: guid.describe('The application (client) id of the app registration.'),
  mailboxes: z.array(m365Mailbox).max(1000).default([]),
  /** Overridden only to reach a national cloud or a test stand-in. */
  loginBaseUrl: z.url().default(LOGIN_HOST),
  graphBaseUrl: z.url().default(GRAPH_HOST),
  pageSize: z.number().int().min(10).max(1000).default(100),
});
export type M365Settings = z.infer<typeof m365Settings>;

/** A client secret or a certificate (its SHA-256 thumbprint and PEM private key). */
export const m365Credential = z.union([
  z.object({ clientSecret: z.string().min(8, 'expected the client secret value (not its id)') }),
  z.object({
    certificate: z.object({
      thumbprintSha256: z.string().regex(/^[0-9a-f]{64}$/i, 'expected the SHA-256 thumbprint in hex'),
      privateKey: z.string().includes('PRIVATE KEY', { message: 'expected the PEM private key' }),
    }),
  }),
]);
export type M365Credential = z.infer<typeof m365Credential>;
