import { entityId, name, text } from '@suite/contracts';
import { z } from 'zod';

export const PORTAL_FEATURES = [
  'quotes',
  'esign',
  'activity',
  'tickets',
  'invoices',
  'pipeline',
  'marketing',
] as const;
export const portalFeature = z.enum(PORTAL_FEATURES);

/** Where contract addenda are signed: in the portal, or through `send_contract` at the org's e-sign vendor. */
export const esignRoute = z.enum(['portal', 'send_contract']);

const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour as #rrggbb')
  .transform((value) => value.toLowerCase());

const logoUrl = z
  .url({ protocol: /^https$/, error: 'expected an https:// image URL' })
  .max(2000, 'a logo URL has at most 2000 characters')
  .refine((value) => /^https:\/\/[^\s"'<>()]+$/.test(value), 'expected an https:// image URL')
  .nullable();

export const branding = z.object({
  primaryColor: color,
  accentColor: color,
  backgroundColor: color,
  textColor: color,
  font: z.enum(['system', 'humanist', 'geometric', 'serif', 'mono']),
  logoUrl,
});
export type Branding = z.infer<typeof branding>;

export const support = z.object({
  email: z.email().max(320).nullable().default(null),
  phone: text(50).nullable().default(null),
  url: z
    .url({ protocol: /^https$/ })
    .max(2000)
    .nullable()
    .default(null),
});
export type Support = z.infer<typeof support>;

const slug = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'expected lower-case letters, digits and inner hyphens (a DNS label)',
  );

export const portalCreateInput = z.object({
  slug,
  name,
  branding: branding.partial().optional(),
  support: support.optional(),
  features: z.array(portalFeature).max(PORTAL_FEATURES.length).optional(),
  esignRoute: esignRoute.optional(),
});
export const portalUpdateInput = z.object({
  portalId: entityId,
  name: name.optional(),
  branding: branding.partial().optional(),
  support: support.optional(),
  features: z.array(portalFeature).max(PORTAL_FEATURES.length).optional(),
  esignRoute: esignRoute.optional(),
});
export const byPortalId = z.object({ portalId: entityId });

export const brandingWarning = z.object({
  field: z.string().describe('The colour to change, e.g. `branding.textColor`.'),
  contrastRatio: z.number().describe('WCAG 2 contrast ratio of the pair, 1 to 21; text needs 4.5.'),
  message: z.string(),
});
export type BrandingWarning = z.infer<typeof brandingWarning>;

export const portalView = z.object({
  portalId: entityId,
  slug: z.string(),
  name: z.string(),
  branding,
  support,
  features: z.array(portalFeature),
  esignRoute,
  developmentHost: z.string().describe('`<slug>.portal.localhost`: reachable with no DNS work.'),
  warnings: z
    .array(brandingWarning)
    .describe('Branding colours whose text would be hard to read (contrast below 4.5:1); saved anyway.'),
});

export const portalDeletion = z.object({
  portalId: entityId,
  outcome: z
    .enum(['deleted', 'archived'])
    .describe(
      'archived: the portal held shared documents, which stay (decision 0158); deleted: it held none.',
    ),
  domainsRemoved: z.array(z.string()).describe('Custom domains released: they serve nothing now.'),
  sessionsEnded: z.number().int(),
  sharesKept: z.number().int().describe('Quotes and documents kept, with their signatures, for staff.'),
});

export type PortalCreateInput = z.infer<typeof portalCreateInput>;
export type PortalUpdateInput = z.infer<typeof portalUpdateInput>;
export type ByPortalId = z.infer<typeof byPortalId>;
export type PortalView = z.infer<typeof portalView>;
export type PortalDeletion = z.infer<typeof portalDeletion>;
export type PortalFeature = z.infer<typeof portalFeature>;
