import type { HubOrgClaim } from '../oidc/hub-claims.schema';
import type { Product, Role } from '../permissions/permission-matrix';

export interface DevHubOrg {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly products: readonly Product[];
}

export interface DevHubMembership {
  readonly org: string;
  readonly role: Role;
  readonly allow?: readonly string[];
  readonly deny?: readonly string[];
}

export interface DevHubUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly memberships: readonly DevHubMembership[];
}

export interface DevHubSeed {
  readonly orgs: readonly DevHubOrg[];
  readonly users: readonly DevHubUser[];
}

const NORTHWIND = 'northwind';
const CONTOSO = 'contoso';

/** Fixed ids, so tenant rows made in development keep pointing at the same orgs and users across restarts. */
export const DEV_HUB_SEED: DevHubSeed = {
  orgs: [
    {
      id: '0b6c8a52-6f1e-4c1a-9d43-5e2f7a9b1c01',
      slug: NORTHWIND,
      name: 'Northwind MSP',
      products: ['crm', 'psa', 'books', 'voice', 'portal'],
    },
    {
      id: '0b6c8a52-6f1e-4c1a-9d43-5e2f7a9b1c02',
      slug: CONTOSO,
      name: 'Contoso IT',
      products: ['crm', 'psa'],
    },
  ],
  users: [
    {
      id: '5d0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e501',
      email: 'olivia@northwind.test',
      name: 'Olivia Owner',
      memberships: [{ org: NORTHWIND, role: 'Owner' }],
    },
    {
      id: '5d0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e502',
      email: 'adam@northwind.test',
      name: 'Adam Admin',
      memberships: [{ org: NORTHWIND, role: 'Admin' }],
    },
    {
      id: '5d0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e503',
      email: 'mia@northwind.test',
      name: 'Mia Member',
      memberships: [{ org: NORTHWIND, role: 'Member' }],
    },
    {
      id: '5d0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e504',
      email: 'victor@northwind.test',
      name: 'Victor Viewer',
      memberships: [{ org: NORTHWIND, role: 'Viewer' }],
    },
    {
      id: '5d0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e505',
      email: 'grace@northwind.test',
      name: 'Grace Granted',
      memberships: [
        {
          org: NORTHWIND,
          role: 'Member',
          allow: ['psa.contracts.sign'],
          deny: ['voice.calls.make', 'books.access'],
        },
      ],
    },
    {
      id: '5d0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e506',
      email: 'dana@northwind.test',
      name: 'Dana Dual',
      memberships: [
        { org: NORTHWIND, role: 'Member' },
        { org: CONTOSO, role: 'Admin' },
      ],
    },
    {
      id: '5d0e3f7a-1b2c-4d5e-8f90-a1b2c3d4e507',
      email: 'carl@contoso.test',
      name: 'Carl Contoso',
      memberships: [{ org: CONTOSO, role: 'Owner' }],
    },
  ],
};

/** The `orgs` claim the dev Hub releases for a user, in Hub's wire format. */
export function orgsClaim(seed: DevHubSeed, user: DevHubUser): HubOrgClaim[] {
  return user.memberships.map((membership) => {
    const org = seed.orgs.find((candidate) => candidate.slug === membership.org);
    if (!org)
      throw new Error(`dev Hub seed: user ${user.email} is a member of unknown org "${membership.org}"`);
    return {
      id: org.id,
      slug: org.slug,
      name: org.name,
      role: membership.role,
      products: [...org.products],
      grants: { allow: [...(membership.allow ?? [])], deny: [...(membership.deny ?? [])] },
    };
  });
}
