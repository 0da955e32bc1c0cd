import { z } from 'zod';

/** The four kinds of credential the vault keeps; each provider gives the shape of its own. */
export const CREDENTIAL_KINDS = ['api_key', 'oauth_token', 'webhook_secret', 'service_account'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/**
 * An OAuth token set as the vault stores it (every OAuth provider shares it), with the org's own app
 * registration at the vendor: each org brings its own keys (seed 004).
 */
export const oauthTokenSet = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** Epoch milliseconds; refreshed a minute before. */
  expiresAt: z.number().int().optional(),
  scope: z.string().optional(),
});
export type OAuthTokenSet = z.infer<typeof oauthTokenSet>;

/** A webhook signing secret: any vendor's is one opaque string. */
export const webhookSecret = z.object({
  signingSecret: z.string().min(16, 'expected the full signing secret'),
});

/** Who caused a decrypt, and for what: every decrypt's audit row. */
export interface DecryptPurpose {
  readonly actorType: 'tool' | 'operator' | 'system' | 'job';
  readonly actorId: string;
  /** The tool (`send_sms`), `verify`, `refresh`. */
  readonly purpose: string;
  readonly requestId?: string | undefined;
  readonly traceId?: string | undefined;
}
