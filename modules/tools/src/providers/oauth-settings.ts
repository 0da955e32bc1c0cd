import { z } from 'zod';

/** Settings every OAuth provider shares: where its API and its OAuth endpoints are (overridable per org). */
export const oauthEndpoints = {
  authorizeUrl: z.url().optional(),
  tokenUrl: z.url().optional(),
};
