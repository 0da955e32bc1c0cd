import { entityId, text } from '@suite/contracts';
import { z } from 'zod';
import { capabilityName } from '../tools/tool-catalog';

/** A vendor id of the registry (`twilio`, `google-maps`). */
const providerId = text(100, { min: 1 });

const health = z.enum(['connected', 'warning', 'error', 'not_connected', 'planned']);

export const connectApiKeyInput = z.object({
  provider: providerId,
  credential: z.record(z.string(), z.unknown()),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export type ConnectApiKeyInput = z.infer<typeof connectApiKeyInput>;

export const byConnectionId = z.object({ connectionId: entityId });
export const byProvider = z.object({ provider: providerId });

export const verifyView = z.object({
  connectionId: entityId,
  provider: z.string(),
  ok: z.boolean(),
  health: health,
  /** The one-line pill: "Twilio rejected the SID + Auth Token combination — …". */
  message: z.string(),
  /** The credential or settings field the vendor says is wrong, when it says so. */
  field: z.string().nullable(),
  resumedRuns: z.number().int(),
});
export type VerifyView = z.infer<typeof verifyView>;

export const connectionView = z.object({
  provider: z.string(),
  name: z.string(),
  authType: z.enum(['api_key', 'oauth']),
  tools: z.array(capabilityName),
  connectionId: entityId.nullable(),
  health,
  healthReason: z.string().nullable(),
  healthChangedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  /** Where the org's vendor posts inbound webhooks, for vendors whose webhooks the suite verifies. */
  webhookUrl: z.string().nullable(),
  hasWebhookSecret: z.boolean(),
  /** The latest call, verify or failure the connection's health was kept from. */
  lastCheckAt: z.string().nullable(),
  /** Where the credential comes from (the connect form's hint). */
  whereToFind: z.string(),
  /** The connect form: the credential's fields (secret, never shown back) and the settings' fields. */
  credentialFields: z.array(z.string()),
  settingFields: z.array(z.object({ name: z.string(), required: z.boolean() })),
});
export type ConnectionView = z.infer<typeof connectionView>;

export const chooseVendorInput = z.object({ tool: capabilityName, provider: providerId });
export const vendorChoiceView = z.object({ tool: capabilityName, provider: z.string().nullable() });
export const webhookSecretInput = z.object({ provider: providerId, signingSecret: text(1000) });
export const startOAuthInput = z.object({
  provider: providerId,
  clientId: text(1000, { min: 1 }),
  clientSecret: text(1000, { min: 1 }),
  redirectUri: z.url(),
  settings: z.record(z.string(), z.unknown()).optional(),
});
export const finishOAuthInput = z.object({ state: text(200, { min: 1 }), code: text(4000, { min: 1 }) });

export const startOAuthView = z.object({ authorizeUrl: z.url(), state: z.string() });
export const webhookUrlView = z.object({ webhookUrl: z.string() });
/** What the vault keeps between startOAuth and finishOAuth. */
export const pendingOAuth = z.object({
  clientId: z.string(),
  clientSecret: z.string(),
  codeVerifier: z.string(),
});
