import { type DevHubMembership, type DevHubSeed, PRODUCT_NAMES } from '@suite/hub-auth';

function grants({ allow = [], deny = [] }: DevHubMembership): string {
  return [...allow.map((name) => `+\`${name}\``), ...deny.map((name) => `−\`${name}\``)].join(' ');
}

/** The README's list of the dev Hub's orgs and users, generated from the seed. */
export function devHubSeedTables(seed: DevHubSeed): string {
  const orgs = seed.orgs.map(
    (org) =>
      `| ${org.name} | \`${org.slug}\` | \`${org.id}\` | ${org.products.map((product) => PRODUCT_NAMES[product]).join(', ')} |`,
  );
  const users = seed.users.map((user) => {
    const roles = user.memberships.map((membership) =>
      `${membership.role} @ ${membership.org} ${grants(membership)}`.trim(),
    );
    return `| ${user.name} | \`${user.email}\` | ${roles.join('; ')} |`;
  });
  return [
    '| org | slug | id | products |',
    '| --- | --- | --- | --- |',
    ...orgs,
    '',
    '| user | email | role @ org, Hub grants (+ added, − removed) |',
    '| --- | --- | --- |',
    ...users,
  ].join('\n');
}
