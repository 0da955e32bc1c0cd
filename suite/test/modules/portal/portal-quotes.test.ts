import { createHash } from 'node:crypto';
import { portalQuoteAccepted, portalQuoteDeclined } from '@suite/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPath, portalRequest } from '../../support/portal-client';
import { eventually } from '../../support/suite-fixture';
import {
  clientCompany,
  type PortalWorld,
  type Share,
  sharedQuote,
  signedInClient,
  startPortalWorld,
} from './portal-support';

let world: PortalWorld;
let url: string;
let portalId: string;
const HOST = 'quotes-clients.portal.localhost';
const host = () => `${HOST}:${world.port}`;

const call = (procedure: string, cookie: string, input?: unknown) =>
  input === undefined
    ? portalRequest(url, host(), clientPath(procedure), { cookie })
    : portalRequest(url, host(), clientPath(procedure), { cookie, body: input });

let acme: { companyId: string; dealId: string; share: Share; cookie: string };
let globex: { companyId: string; share: Share; cookie: string };

beforeAll(async () => {
  world = await startPortalWorld([portalQuoteAccepted, portalQuoteDeclined]);
  url = world.sut.suite.url;
  portalId = (
    await world.staff.mutate<{ portalId: string }>('portals.create', {
      slug: 'quotes-clients',
      name: 'Northwind IT',
    })
  ).data.portalId;
  const a = await clientCompany(world.staff, 'Acme Quotes', 'buyer@acmequotes.test');
  const b = await clientCompany(world.staff, 'Globex Quotes', 'buyer@globexquotes.test');
  for (const email of ['buyer@acmequotes.test', 'buyer@globexquotes.test'])
    expect((await world.staff.mutate('users.invite', { portalId, email })).status).toBe(200);
  const deal = await world.staff.on('crm').mutate<{ dealId: string }>('deals.create', {
    companyId: a.companyId,
    name: 'Acme 365 rollout',
    stage: 'proposal',
    value: '864',
  });
  acme = {
    companyId: a.companyId,
    dealId: deal.data.dealId,
    share: await sharedQuote(world.staff, portalId, a.companyId, deal.data.dealId),
    cookie: await signedInClient(world, HOST, 'buyer@acmequotes.test'),
  };
  globex = {
    companyId: b.companyId,
    share: await sharedQuote(world.staff, portalId, b.companyId),
    cookie: await signedInClient(world, HOST, 'buyer@globexquotes.test'),
  };
});
afterAll(async () => world?.close());

describe('quotes shared through the portal', () => {
  it('shares a fixed snapshot once, with the SHA-256 of its PDF', async () => {
    expect(acme.share.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = await world.sut.database.db.system.portalShare.findUniqueOrThrow({
      where: { id: acme.share.shareId },
    });
    expect(createHash('sha256').update(stored.pdf).digest('hex')).toBe(acme.share.sha256);
    const again = await world.staff.mutate<Share>('shares.shareQuote', {
      portalId,
      quoteId: stored.sourceId,
    });
    expect(again.data.shareId).toBe(acme.share.shareId);
  });

  it("shows a client their own company's quotes only, by list, by id and as a PDF", async () => {
    const list = await call('quotes.list', acme.cookie);
    const ids = list.json<{ result: { data: Share[] } }>().result.data.map((item) => item.shareId);
    expect(ids).toEqual([acme.share.shareId]);
    const theirs = await call('quotes.open', acme.cookie, { shareId: globex.share.shareId });
    expect(theirs.status).toBe(404);
    const theirPdf = await portalRequest(url, host(), `/documents/${globex.share.shareId}`, {
      cookie: acme.cookie,
    });
    expect(theirPdf.status).toBe(404);

    const pdf = await portalRequest(url, host(), `/documents/${acme.share.shareId}`, { cookie: acme.cookie });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['x-content-sha256']).toBe(acme.share.sha256);
    expect(pdf.body.startsWith('%PDF-')).toBe(true);
    const signedOut = await portalRequest(url, host(), `/documents/${acme.share.shareId}`);
    expect(signedOut.status).toBe(401);
  });

  it('hides quotes on a portal whose toggle is off, in the API and in the page', async () => {
    await world.staff.mutate('portals.update', { portalId, features: ['activity'] });
    try {
      await eventually(
        'the toggle applied',
        async () => (await call('quotes.list', acme.cookie)).status === 404,
      );
      const page = await portalRequest(url, host(), '/');
      expect(page.body).toContain('"features":["activity"]');
    } finally {
      await world.staff.mutate('portals.update', { portalId, features: ['quotes', 'activity'] });
      await eventually(
        'the toggle restored',
        async () => (await call('quotes.list', acme.cookie)).status === 200,
      );
    }
  });

  it('accepting a quote publishes portal.quote.accepted and CRM wins the deal', async () => {
    const opened = await call('quotes.open', acme.cookie, { shareId: acme.share.shareId });
    expect(
      opened.json<{ result: { data: { status: string; quote: { total: string } } } }>().result.data,
    ).toMatchObject({
      status: 'viewed',
    });
    const accepted = await call('quotes.respond', acme.cookie, {
      shareId: acme.share.shareId,
      decision: 'accept',
      comment: 'Go ahead',
    });
    expect(accepted.status, accepted.body).toBe(200);
    const event = await eventually('portal.quote.accepted', async () =>
      world.sut.received.find((e) => e.type === 'portal.quote.accepted'),
    );
    expect(event.data).toMatchObject({
      shareId: acme.share.shareId,
      companyId: acme.companyId,
      comment: 'Go ahead',
      sha256: acme.share.sha256,
    });
    await eventually('the deal won', async () => {
      const deal = await world.staff
        .on('crm')
        .query<{ stage: string; wonVia: string }>('deals.get', { dealId: acme.dealId });
      return deal.data.stage === 'won' && deal.data;
    });
    const again = await call('quotes.respond', acme.cookie, {
      shareId: acme.share.shareId,
      decision: 'decline',
    });
    expect(again.status).toBe(409);
  });

  it('declining records the comment and publishes portal.quote.declined', async () => {
    const declined = await call('quotes.respond', globex.cookie, {
      shareId: globex.share.shareId,
      decision: 'decline',
      comment: 'Too early for us',
    });
    expect(declined.status, declined.body).toBe(200);
    await eventually('portal.quote.declined', async () =>
      world.sut.received.find(
        (e) => e.type === 'portal.quote.declined' && e.data.shareId === globex.share.shareId,
      ),
    );
  });
});
