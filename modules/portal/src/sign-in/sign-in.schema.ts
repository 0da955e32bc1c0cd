import { z } from 'zod';

export const MAGIC_LINK_MINUTES = 15;
export const SESSION_HOURS = 8;
/** Sign-in links a portal sends one address, and one IP, per window of MAGIC_LINK_MINUTES. */
export const LINKS_PER_ADDRESS = 5;
export const LINKS_PER_IP = 20;

export const magicLinkRequestInput = z.object({
  email: z.email('email: expected an email address').max(320, 'email: at most 320 characters'),
});
export const magicLinkConfirmInput = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'token: this is not a sign-in link of ours; ask for a new one'),
});

export type MagicLinkRequestInput = z.infer<typeof magicLinkRequestInput>;
export type MagicLinkConfirmInput = z.infer<typeof magicLinkConfirmInput>;

/** The same answer whether or not the address has access, so the form tells no one who the clients are. */
export type MagicLinkRequestResult =
  | { readonly status: 'sent' }
  | { readonly status: 'rate_limited'; readonly retryAfterSeconds: number };

export interface SignedIn {
  readonly sessionToken: string;
  readonly expiresAt: Date;
}
