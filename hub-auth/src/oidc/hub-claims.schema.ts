import { z } from 'zod';
import { isProduct, ROLES } from '../permissions/permission-matrix';

/** The scope that makes Hub release the `orgs` claim. */
export const ORGS_SCOPE = 'orgs';

/** One org membership as Hub states it in the `orgs` claim. */
export const hubOrgClaimSchema = z.object({
  id: z.uuid(),
  slug: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(ROLES),
  // Hub knows products the suite does not serve (Hub itself, Jarvis): those are not ours to show.
  products: z.array(z.string()).transform((products) => products.filter(isProduct)),
  grants: z
    .object({ allow: z.array(z.string()).default([]), deny: z.array(z.string()).default([]) })
    .default({ allow: [], deny: [] }),
});
export type HubOrgClaim = z.infer<typeof hubOrgClaimSchema>;

/** What the suite needs from Hub's userinfo response. */
export const hubUserInfoSchema = z.object({
  sub: z.string().min(1),
  email: z.string().min(1),
  name: z.string().min(1),
  orgs: z.array(hubOrgClaimSchema),
});
export type HubUserInfo = z.infer<typeof hubUserInfoSchema>;
