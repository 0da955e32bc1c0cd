import { entityId } from '@suite/contracts';
import { z } from 'zod';

export const CHALLENGE_LABEL = '_onestack-challenge';

const host = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'host: at most 253 characters')
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/,
    'host: expected a domain name such as clients.yourmsp.com',
  )
  .refine(
    (value) => !value.endsWith('.localhost'),
    'host: a .localhost name needs no domain; use the development host',
  );

export const domainAddInput = z.object({ portalId: entityId, host });
export const byDomainId = z.object({ domainId: entityId });

export const domainView = z.object({
  domainId: entityId,
  portalId: entityId,
  host: z.string(),
  status: z.enum(['pending', 'verified', 'active', 'failed']),
  failureReason: z.string().nullable(),
  checkedAt: z.string().nullable(),
  records: z
    .array(z.object({ type: z.enum(['TXT', 'CNAME']), name: z.string(), value: z.string() }))
    .describe("The DNS records to create at the domain's DNS host."),
});

export type DomainAddInput = z.infer<typeof domainAddInput>;
export type ByDomainId = z.infer<typeof byDomainId>;
export type DomainView = z.infer<typeof domainView>;
