/** Hub org roles, most powerful first. Each role has every default permission of the roles after it. */
export const ROLES = ['Owner', 'Admin', 'Member', 'Viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Products an org can have at Hub; each is opened from the waffle menu. */
export const PRODUCTS = ['crm', 'psa', 'books', 'voice', 'portal'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PRODUCT_NAMES: Readonly<Record<Product, string>> = {
  crm: 'CRM',
  psa: 'PSA',
  books: 'Books',
  voice: 'Voice',
  portal: 'Portal',
};

interface PermissionDefinition {
  /** The least powerful role that has it by default. */
  readonly from: Role;
  readonly meaning: string;
}

/**
 * The default permission matrix, defined once: procedures, the waffle menu and the README's table all
 * read it. `<product>.access` gates the whole product (see `effectivePermissions`). `tools.*` belongs
 * to the shared tool layer and `platform.*` to the suite's own settings, which every org has.
 */
export const PERMISSION_MATRIX = {
  'crm.access': { from: 'Viewer', meaning: 'open CRM' },
  'crm.deals.read': { from: 'Viewer', meaning: 'see deals and the pipeline' },
  'crm.deals.write': { from: 'Member', meaning: 'create, edit, win or lose deals' },
  'crm.deals.delete': { from: 'Admin', meaning: 'delete deals' },
  'crm.companies.read': { from: 'Viewer', meaning: 'see companies and contacts' },
  'crm.companies.write': { from: 'Member', meaning: 'edit companies and contacts' },
  'crm.companies.promote': { from: 'Admin', meaning: 'promote a company to a PSA client' },
  'crm.quotes.write': { from: 'Member', meaning: 'create and send quotes' },
  'crm.settings.manage': { from: 'Admin', meaning: 'pipelines, stages, email sync settings' },
  'psa.access': { from: 'Viewer', meaning: 'open PSA' },
  'psa.tickets.read': { from: 'Viewer', meaning: 'see tickets' },
  'psa.tickets.write': { from: 'Member', meaning: 'create and work tickets' },
  'psa.projects.read': { from: 'Viewer', meaning: 'see projects' },
  'psa.projects.write': { from: 'Member', meaning: 'plan and update projects' },
  'psa.contracts.read': { from: 'Viewer', meaning: 'see client contracts' },
  'psa.contracts.write': { from: 'Admin', meaning: 'draft and change contracts' },
  'psa.contracts.sign': { from: 'Admin', meaning: 'sign contracts on behalf of the MSP' },
  'psa.clients.write': { from: 'Member', meaning: 'edit clients and their status' },
  'books.access': { from: 'Viewer', meaning: 'open Books' },
  'books.invoices.read': { from: 'Viewer', meaning: 'see invoices and revenue' },
  'books.invoices.write': { from: 'Admin', meaning: 'create and send invoices' },
  'books.billing.manage': { from: 'Owner', meaning: 'billing setup, GL mappings, payment accounts' },
  'voice.access': { from: 'Viewer', meaning: 'open Voice' },
  'voice.calls.read': { from: 'Viewer', meaning: 'see call logs' },
  'voice.calls.write': { from: 'Member', meaning: 'match calls to contacts, attach past calls, add notes' },
  'voice.calls.make': { from: 'Member', meaning: 'place calls' },
  'voice.recordings.read': { from: 'Admin', meaning: 'listen to call recordings' },
  'voice.settings.manage': { from: 'Admin', meaning: 'recording and retention settings' },
  'portal.access': { from: 'Viewer', meaning: 'open the client portal admin' },
  'portal.shares.write': { from: 'Member', meaning: 'share quotes and documents with clients' },
  'portal.portals.manage': { from: 'Admin', meaning: 'portals, domains, branding, feature toggles' },
  'tools.run': { from: 'Member', meaning: 'run shared tools (SMS, email, maps) for the org' },
  'tools.connections.read': { from: 'Admin', meaning: 'see vendor connections and their health' },
  'tools.connections.manage': { from: 'Owner', meaning: 'connect vendors and store their credentials' },
  'tools.erasure.run': { from: 'Admin', meaning: 'erase a person everywhere on request (right to erasure)' },
  'platform.keys.manage': { from: 'Admin', meaning: 'create, rotate and revoke integration keys' },
  'platform.bus.manage': { from: 'Admin', meaning: 'see bus groups, lag and dead letters; replay' },
} as const satisfies Record<`${Product}.access`, PermissionDefinition> & Record<string, PermissionDefinition>;

export type Permission = keyof typeof PERMISSION_MATRIX;

export const PERMISSIONS = Object.keys(PERMISSION_MATRIX) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSION_MATRIX, value);
}

export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}

/** The role's default permissions, before Hub's granular grants. */
export function rolePermissions(role: Role): Permission[] {
  const rank = ROLES.indexOf(role);
  return PERMISSIONS.filter((permission) => ROLES.indexOf(PERMISSION_MATRIX[permission].from) >= rank);
}
