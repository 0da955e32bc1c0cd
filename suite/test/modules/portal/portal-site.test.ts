import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsStandIn, startDnsStandIn } from '../../support/dns-stand-in';
import { clientPath, cookieOf, portalRequest } from '../../support/portal-client';
import { eventually } from '../../support/suite-fixture';
import { clientCompany, lastMailTo, type PortalWorld, startPortalWorld, tokenIn } from './portal-support';

let world: PortalWorld;
let dns: DnsStandIn;
let url: string;
const host = (name: string) => `${name}:${world.port}`;

interface Portal {
  portalId: string;
  slug: string;
}

async function portal(slug: string, extra: Record<string, unknown> = {}): Promise<Portal> {
  const made = await world.staff.mutate<Portal>('portals.create', { slug, name: `${slug} portal`, ...extra });
  expect(made.status, made.body).toBe(200);
  return made.data;
}

beforeAll(async () => {
  dns = await startDnsStandIn();
  world = await startPortalWorld([], { PORTAL_DNS_SERVERS: dns.server });
  url = world.sut.suite.url;
});
afterAll(async () => {
  await world?.close();
  await dns?.close();
});

describe('portal hosts and branding', () => {
  it("serves a portal's page with its branding in the head, before any script runs", async () => {
    await portal('brandcheck', {
      branding: { primaryColor: '#0A7D5A', accentColor: '#ffcc00', font: 'serif' },
      support: { email: 'help@northwind.example' },
    });
    const page = await portalRequest(url, host('brandcheck.portal.localhost'), '/quotes');
    expect(page.status).toBe(200);
    const head = page.body.slice(0, page.body.indexOf('</head>'));
    expect(head).toContain('<title>brandcheck portal</title>');
    expect(head).toMatch(/<style id="portal-brand">:root\{--brand-primary:#0a7d5a;--brand-accent:#ffcc00;/);
    expect(head).toContain('--brand-font:Charter');
    expect(head).toContain('"support":{"email":"help@northwind.example"');
  });

  it("answers an org's default portal on <slug>.portal.localhost with no setup", async () => {
    const page = await portalRequest(url, host('northwind.portal.localhost'), '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Northwind');
  });

  it('answers an unknown host with a plain 404 that names no tenant', async () => {
    for (const name of ['nobody.portal.localhost', 'clients.unknown.example']) {
      const page = await portalRequest(url, host(name), '/');
      expect(page.status).toBe(404);
      expect(page.headers['content-type']).toMatch(/^text\/plain/);
      expect(page.body).toBe('Not found');
    }
  });

  it("keeps the staff suite out of reach on a portal's host", async () => {
    for (const path of ['/crm/trpc/companies.list', '/healthz', '/auth/login', '/portal/trpc/portals.list']) {
      const answer = await portalRequest(url, host('northwind.portal.localhost'), path, {
        method: 'POST',
        body: {},
      });
      expect([path, answer.status, answer.body]).toEqual([path, 404, 'Not found']);
    }
  });

  it('refuses branding that is not a colour or a listed font, naming the field', async () => {
    const bad = await world.staff.mutate('portals.create', {
      slug: 'badbrand',
      name: 'Bad',
      branding: { primaryColor: 'red;}</style><script>' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('#rrggbb');
    const font = await world.staff.mutate('portals.create', {
      slug: 'badfont',
      name: 'Bad',
      branding: { font: 'Comic Sans' },
    });
    expect(font.status).toBe(400);
  });

  it('saves colours that make text hard to read, answering a warning that names each colour to change', async () => {
    const { portalId } = await portal('lowcontrast');
    const updated = await world.staff.mutate<{ branding: { textColor: string }; warnings: unknown[] }>(
      'portals.update',
      { portalId, branding: { textColor: '#aaaaaa', backgroundColor: '#ffffff', primaryColor: '#ffd700' } },
    );
    expect(updated.status, updated.body).toBe(200);
    expect(updated.data.branding.textColor).toBe('#aaaaaa');
    expect(updated.data.warnings).toEqual([
      expect.objectContaining({ field: 'branding.textColor', contrastRatio: 2.32 }),
      expect.objectContaining({ field: 'branding.primaryColor', contrastRatio: 1.4 }),
    ]);
    expect(JSON.stringify(updated.data.warnings)).toContain('below the 4.5:1 WCAG AA asks for text');
    const read = await world.staff.ok<{ warnings: unknown[] }>('portals.get', { portalId }, 'query');
    expect(read.warnings).toHaveLength(2);

    const fixed = await world.staff.ok<{ warnings: unknown[] }>('portals.update', {
      portalId,
      branding: { textColor: '#1b1f24', primaryColor: '#1f4e8c' },
    });
    expect(fixed.warnings).toEqual([]);
  });

  it("answers Caddy's TLS ask with 404 for a domain that is not active", async () => {
    const ask = await portalRequest(url, '127.0.0.1', '/portal/tls-ask?domain=clients.unknown.example');
    expect(ask.status).toBe(404);
  });
});

describe('invitations and magic-link sign-in', () => {
  let main: Portal;
  let other: Portal;
  const email = 'buyer@acmedental.test';

  beforeAll(async () => {
    main = await portal('acme-clients');
    other = await portal('other-clients');
    await clientCompany(world.staff, 'Acme Dental', email);
  });

  async function signIn(portalHost: string): Promise<string> {
    const asked = await portalRequest(url, host(portalHost), '/portal/sign-in/link', { body: { email } });
    expect(asked.status, asked.body).toBe(202);
    const token = tokenIn(lastMailTo(world.mail, email));
    const confirmed = await portalRequest(url, host(portalHost), '/portal/sign-in/confirm', {
      body: { token },
    });
    expect(confirmed.status, confirmed.body).toBe(200);
    return cookieOf(confirmed);
  }

  it('invites a CRM contact of a client company and emails where to sign in', async () => {
    const invited = await world.staff.mutate('users.invite', { portalId: main.portalId, email });
    expect(invited.status, invited.body).toBe(200);
    const mail = lastMailTo(world.mail, email);
    expect(mail.text).toContain(`http://acme-clients.portal.localhost:${world.port}/sign-in`);
    await world.staff.mutate('users.invite', { portalId: other.portalId, email });
  });

  it('answers first invitations of one address sent at once, each with its email, keeping one user', async () => {
    const busy = 'office@busydental.test';
    await clientCompany(world.staff, 'Busy Dental', busy);
    const sent = world.mail.effects.length;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        world.staff.mutate('users.invite', { portalId: main.portalId, email: busy }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    const users = await world.staff.query<{ email: string }[]>('users.list', { portalId: main.portalId });
    expect(users.data.filter((user) => user.email === busy)).toHaveLength(1);
    expect(world.mail.effects.length - sent).toBe(6);
  });

  it('refuses to invite an address that is no contact, or a contact of a company that is no client', async () => {
    const stranger = await world.staff.mutate('users.invite', {
      portalId: main.portalId,
      email: 'who@nowhere.test',
    });
    expect(stranger.status).toBe(400);
    expect(stranger.message).toContain('add the contact in CRM first');
    const crm = world.staff.on('crm');
    const prospect = await crm.mutate<{ id: string }>('companies.create', {
      name: 'Prospect Co',
      domain: 'prospect.test',
    });
    await crm.mutate('contacts.create', { companyId: prospect.data.id, name: 'P', email: 'p@prospect.test' });
    const notClient = await world.staff.mutate('users.invite', {
      portalId: main.portalId,
      email: 'p@prospect.test',
    });
    expect(notClient.status).toBe(400);
    expect(notClient.message).toContain('promote the company first');
  });

  it('signs in with the emailed link on a confirm click, and the link works once', async () => {
    const asked = await portalRequest(url, host('acme-clients.portal.localhost'), '/portal/sign-in/link', {
      body: { email },
    });
    expect(asked.status).toBe(202);
    const token = tokenIn(lastMailTo(world.mail, email));
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const stored = await world.sut.database.db.system.portalMagicLink.findMany({
      select: { tokenHash: true },
    });
    expect(stored.some((link) => link.tokenHash.includes(token))).toBe(false);

    const confirmed = await portalRequest(
      url,
      host('acme-clients.portal.localhost'),
      '/portal/sign-in/confirm',
      {
        body: { token },
      },
    );
    expect(confirmed.status).toBe(200);
    expect(String(confirmed.headers['set-cookie'])).toMatch(
      /^portal_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/,
    );
    const me = await portalRequest(url, host('acme-clients.portal.localhost'), clientPath('session.me'), {
      cookie: cookieOf(confirmed),
    });
    expect(me.status, me.body).toBe(200);
    expect(me.json<{ result: { data: { name: string } } }>().result.data.name).toBe('Acme Dental Buyer');

    const again = await portalRequest(url, host('acme-clients.portal.localhost'), '/portal/sign-in/confirm', {
      body: { token },
    });
    expect(again.status).toBe(400);
    expect(again.json().message).toContain('used already');
  });

  it('refuses an expired link and a link of another portal', async () => {
    await portalRequest(url, host('acme-clients.portal.localhost'), '/portal/sign-in/link', {
      body: { email },
    });
    const token = tokenIn(lastMailTo(world.mail, email));
    const onOther = await portalRequest(
      url,
      host('other-clients.portal.localhost'),
      '/portal/sign-in/confirm',
      {
        body: { token },
      },
    );
    expect(onOther.status).toBe(400);
    expect(onOther.json().message).toContain('not one of this portal');

    await world.sut.database.db.system.portalMagicLink.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await portalRequest(
      url,
      host('acme-clients.portal.localhost'),
      '/portal/sign-in/confirm',
      {
        body: { token },
      },
    );
    expect(expired.status).toBe(400);
    expect(expired.json().message).toContain('expired');
  });

  it("refuses portal X's session cookie on portal Y", async () => {
    const cookie = await signIn('acme-clients.portal.localhost');
    const onOther = await portalRequest(
      url,
      host('other-clients.portal.localhost'),
      clientPath('session.me'),
      { cookie },
    );
    expect(onOther.status).toBe(401);
    const signedOut = await portalRequest(
      url,
      host('acme-clients.portal.localhost'),
      clientPath('session.me'),
    );
    expect(signedOut.status).toBe(401);
  });

  it('limits sign-in links per address, the same for an address with no access', async () => {
    await world.sut.database.db.system.portalSignInRequest.deleteMany({});
    const ask = (address: string) =>
      portalRequest(url, host('other-clients.portal.localhost'), '/portal/sign-in/link', {
        body: { email: address },
      });
    for (const address of [email, 'not-invited@acmedental.test']) {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push((await ask(address)).status);
      expect([address, answers]).toEqual([address, [202, 202, 202, 202, 202, 429]]);
    }
    expect((await ask('someone-else@acmedental.test')).status).toBe(202);
  });

  it('limits sign-in links per IP, counting asks for addresses that have no access', async () => {
    const { portalId } = await portal('ip-limit-clients');
    await world.staff.mutate('users.invite', { portalId, email });
    const ask = (address: string) =>
      portalRequest(url, host('ip-limit-clients.portal.localhost'), '/portal/sign-in/link', {
        body: { email: address },
      });
    const strangers = [];
    for (let i = 0; i < 20; i++) strangers.push((await ask(`stranger${i}@elsewhere.test`)).status);
    expect(strangers).toEqual(Array(20).fill(202));
    const mailsBefore = world.mail.effects.length;
    const limited = await ask(email);
    expect(limited.status, limited.body).toBe(429);
    expect(limited.headers['retry-after']).toBe('900');
    expect(limited.json().message).toContain('too many sign-in links');
    expect(world.mail.effects.length).toBe(mailsBefore);
  });
});

interface Domain {
  domainId: string;
  status: string;
  failureReason: string | null;
  records: { type: string; name: string; value: string }[];
}

describe('custom domains', () => {
  const name = 'clients.northwind.example';
  const tlsAsk = () => portalRequest(url, '127.0.0.1', `/portal/tls-ask?domain=${name}`);
  let domain: Domain;

  beforeAll(async () => {
    const { portalId } = await portal('custom-domain', { branding: { primaryColor: '#6b2fa3' } });
    const added = await world.staff.mutate<Domain>('domains.add', {
      portalId,
      host: 'Clients.Northwind.Example',
    });
    expect(added.status, added.body).toBe(200);
    domain = added.data;
  });

  it('starts pending with the TXT and CNAME records to create, and serves nothing', async () => {
    expect(domain.status).toBe('pending');
    expect(domain.records).toEqual([
      {
        type: 'TXT',
        name: `_onestack-challenge.${name}`,
        value: expect.stringMatching(/^onestack-[0-9a-f]{32}$/),
      },
      { type: 'CNAME', name, value: 'portals.onestack.localhost' },
    ]);
    expect((await portalRequest(url, host(name), '/')).status).toBe(404);
    expect((await tlsAsk()).status).toBe(404);
  });

  it('fails with the reason while a record is missing, then verifies through the DNS server', async () => {
    const verify = () => world.staff.mutate<Domain>('domains.verify', { domainId: domain.domainId });
    const noTxt = await verify();
    expect(noTxt.data.status).toBe('failed');
    expect(noTxt.data.failureReason).toContain(`no TXT record _onestack-challenge.${name}`);
    dns.txt(`_onestack-challenge.${name}`, domain.records[0]?.value ?? '');
    const noCname = await verify();
    expect(noCname.data.failureReason).toContain('has no CNAME to portals.onestack.localhost');
    dns.cname(name, 'portals.onestack.localhost');
    const verified = await verify();
    expect(verified.data).toMatchObject({ status: 'verified', failureReason: null });
    expect((await portalRequest(url, host(name), '/')).status).toBe(404);
    expect((await tlsAsk()).status).toBe(404);
  });

  it('serves the portal and answers the TLS ask once active', async () => {
    const active = await world.staff.mutate<Domain>('domains.activate', { domainId: domain.domainId });
    expect(active.data.status).toBe('active');
    const page = await eventually('the domain served', async () => {
      const answer = await portalRequest(url, host(name), '/');
      return answer.status === 200 && answer;
    });
    expect(page.body).toContain('--brand-primary:#6b2fa3');
    await eventually('the TLS ask says yes', async () => (await tlsAsk()).status === 200);
    expect(
      (await portalRequest(url, '127.0.0.1', '/portal/tls-ask?domain=northwind.portal.localhost')).status,
    ).toBe(404);
  });
});
