import { entityId } from '@suite/contracts';
import { z } from 'zod';
import { portalFeature } from '../portals/portal.schema';

export const clientView = z.object({
  portalUserId: entityId,
  name: z.string(),
  email: z.string(),
  companyId: entityId,
  portal: z.object({ name: z.string(), features: z.array(portalFeature) }),
});
export type ClientView = z.infer<typeof clientView>;
