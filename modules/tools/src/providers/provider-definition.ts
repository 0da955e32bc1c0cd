import type { z } from 'zod';
import type { MediaInput, MediaName, ToolInput, ToolName, ToolOutput } from '../tools/tool-catalog';
import type { CredentialKind, OAuthTokenSet } from '../vault/credential.schema';

/** What a provider gets for one call: the decrypted credential, its non-secret settings, the call's key. */
export interface VendorCall<C = unknown, S = unknown> {
  readonly credential: C;
  readonly settings: S;
  /** Sent to vendors that take one (Twilio, Stripe, Square); the same on every retry of the call. */
  readonly idempotencyKey: string;
  /** The connection's sealed cache (an SDK's token cache), kept between calls and processes. */
  readonly cache: ProviderCache;
}

/** Text a provider keeps for its connection, sealed by the vault like a credential. */
export interface ProviderCache {
  load(): Promise<string | undefined>;
  save(text: string): Promise<void>;
}

export interface OAuthConfig {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly scopes: readonly string[];
}

/** The client app the suite is registered as at an OAuth vendor (non-secret id, secret kept in settings). */
export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

export type ToolImplementations<C, S> = {
  readonly [T in ToolName]?: (call: VendorCall<C, S>, input: ToolInput<T>) => Promise<ToolOutput<T>>;
};

/** A vendor's media as it arrives, for passing on without holding it whole (not JSON, so not a tool result). */
export interface VendorMedia {
  /** 200, 206 for a range, or 416 for a range past the end. */
  readonly status: number;
  readonly contentType: string;
  /** The vendor's `content-length`, `content-range` and `accept-ranges`, when it sent them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ReadableStream<Uint8Array>;
}

/** Media a provider fetches with the connection's credential, keyed like the tool whose rate limit it shares. */
export type MediaImplementations<C, S> = {
  readonly [T in MediaName]?: (call: VendorCall<C, S>, input: MediaInput<T>) => Promise<VendorMedia>;
};

/**
 * One vendor: its auth type, endpoints and scopes, the shape of its credential and settings, `verify()`
 * and the tools it implements. Errors are VendorErrors with actionable messages (seed 004's table).
 */
export interface ProviderDefinition<C = unknown, S = unknown> {
  readonly id: string;
  readonly name: string;
  readonly authType: 'api_key' | 'oauth';
  readonly credentialKind: Exclude<CredentialKind, 'webhook_secret'>;
  readonly credential: z.ZodType<C>;
  readonly settings: z.ZodType<S>;
  /** Where the credential comes from, for the README and the connect form. */
  readonly whereToFind: string;
  readonly oauth?: OAuthConfig;
  verify(call: VendorCall<C, S>): Promise<void>;
  readonly tools: ToolImplementations<C, S>;
  readonly media?: MediaImplementations<C, S>;
}

export function defineProvider<C, S>(provider: ProviderDefinition<C, S>): ProviderDefinition<C, S> {
  return provider;
}

export type OAuthCredential = OAuthTokenSet;
