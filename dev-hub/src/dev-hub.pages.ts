import type { DevHubSeed } from '@suite/hub-auth';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body><p><strong>Development Hub</strong> — not for production; every seeded user signs in without a password.</p>
${body}</body></html>`;
}

/** One button per seeded user: tests post the same form a developer clicks. */
export function signInPage(seed: DevHubSeed, action: string): string {
  const buttons = seed.users
    .map((user) => {
      const roles = user.memberships.map((membership) => `${membership.role} @ ${membership.org}`).join(', ');
      return `<li><button type="submit" name="user" value="${escapeHtml(user.id)}">${escapeHtml(user.name)}</button> ${escapeHtml(user.email)} (${escapeHtml(roles)})</li>`;
    })
    .join('\n');
  return page(
    'Sign in to the dev Hub',
    `<form method="post" action="${escapeHtml(action)}"><ul>\n${buttons}\n</ul></form>`,
  );
}

export function signOutPage(form: string): string {
  return page(
    'Sign out of the dev Hub',
    `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out of the dev Hub</button>`,
  );
}

export function errorPage(fields: object): string {
  const rows = Object.entries(fields).map(
    ([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`,
  );
  return page('Dev Hub error', rows.join('\n'));
}
