import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPath, portalRequest } from '../../support/portal-client';
import { eventually } from '../../support/suite-fixture';
import { clientCompany, type PortalWorld, signedInClient, startPortalWorld } from './portal-support';

let world: PortalWorld;
let url: string;
let portalId: string;
const HOST = 'tickets-clients.portal.localhost';
const host = () => `${HOST}:${world.port}`;

interface Ticket {
  readonly ticketId: string;
  readonly number: number;
  readonly subject: string;
  readonly status: string;
  readonly priority: string;
}
interface PsaClient {
  readonly id: string;
  readonly crmCompanyId: string;
}

const call = (procedure: string, cookie: string, input?: unknown) =>
  portalRequest(url, host(), clientPath(procedure), {
    cookie,
    ...(input !== undefined && { body: input }),
  });
const ticketsOf = async (cookie: string) =>
  (await call('tickets.list', cookie)).json<{ result: { data: Ticket[] } }>().result.data;

/** PSA's client for a CRM company, once PSA has heard of the promotion. */
async function psaClientOf(companyId: string): Promise<PsaClient> {
  return eventually(`PSA client of ${companyId}`, async () => {
    const clients = await world.staff.on('psa').query<PsaClient[]>('clients.list');
    return clients.data.find((client) => client.crmCompanyId === companyId);
  });
}

async function staffTicket(clientId: string, subject: string): Promise<Pick<Ticket, 'ticketId'>> {
  const created = await world.staff.on('psa').mutate<{ id: string }>('tickets.create', { clientId, subject });
  expect(created.status, created.body).toBe(200);
  return { ticketId: created.data.id };
}

interface Client {
  readonly client: PsaClient;
  readonly cookie: string;
  readonly ticket: Pick<Ticket, 'ticketId'>;
}
let acme: Client;
let globex: Client;

beforeAll(async () => {
  world = await startPortalWorld();
  url = world.sut.suite.url;
  portalId = (
    await world.staff.mutate<{ portalId: string }>('portals.create', {
      slug: 'tickets-clients',
      name: 'Northwind IT',
      features: ['tickets'],
    })
  ).data.portalId;
  const a = await clientCompany(world.staff, 'Acme Tickets', 'buyer@acmetickets.test');
  const b = await clientCompany(world.staff, 'Globex Tickets', 'buyer@globextickets.test');
  for (const email of ['buyer@acmetickets.test', 'buyer@globextickets.test'])
    expect((await world.staff.mutate('users.invite', { portalId, email })).status).toBe(200);
  const [acmeClient, globexClient] = [await psaClientOf(a.companyId), await psaClientOf(b.companyId)];
  acme = {
    client: acmeClient,
    cookie: await signedInClient(world, HOST, 'buyer@acmetickets.test'),
    ticket: await staffTicket(acmeClient.id, 'Printer on floor 2 jams'),
  };
  globex = {
    client: globexClient,
    cookie: await signedInClient(world, HOST, 'buyer@globextickets.test'),
    ticket: await staffTicket(globexClient.id, 'Globex VPN is down'),
  };
});
afterAll(async () => world?.close());

describe('PSA tickets in the portal', () => {
  it("shows a client their own company's tickets only", async () => {
    expect((await ticketsOf(acme.cookie)).map((ticket) => ticket.ticketId)).toEqual([acme.ticket.ticketId]);
    expect((await ticketsOf(globex.cookie)).map((ticket) => ticket.subject)).toEqual(['Globex VPN is down']);
  });

  it("opens a ticket in PSA for the client's own company, visible on PSA's staff API", async () => {
    const opened = await call('tickets.open', acme.cookie, { subject: 'New starter needs a laptop' });
    expect(opened.status, opened.body).toBe(200);
    const ticket = opened.json<{ result: { data: Ticket } }>().result.data;
    expect(ticket).toMatchObject({
      subject: 'New starter needs a laptop',
      status: 'new',
      priority: 'normal',
    });

    const inPsa = await world.staff.on('psa').query<{ id: string; subject: string }[]>('tickets.list', {
      clientId: acme.client.id,
    });
    expect(inPsa.data.map((row) => row.id)).toContain(ticket.ticketId);
    const globexInPsa = await world.staff.on('psa').query<{ id: string }[]>('tickets.list', {
      clientId: globex.client.id,
    });
    expect(globexInPsa.data.map((row) => row.id)).not.toContain(ticket.ticketId);
    expect((await ticketsOf(acme.cookie))[0]?.ticketId).toBe(ticket.ticketId);
  });

  it('refuses bad input naming the field, and never lets a client name another company', async () => {
    const empty = await call('tickets.open', acme.cookie, { subject: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.json<{ error: { data: { field?: string } } }>().error.data.field).toBe('subject');
    const urgent = await call('tickets.open', acme.cookie, { subject: 'Fire!', priority: 'urgent' });
    expect(urgent.status).toBe(400);
    expect(urgent.json<{ error: { data: { field?: string } } }>().error.data.field).toBe('priority');

    const elsewhere = await call('tickets.open', acme.cookie, {
      subject: 'Sneaky',
      companyId: globex.client.crmCompanyId,
    });
    expect(elsewhere.status, elsewhere.body).toBe(200);
    const globexTickets = await ticketsOf(globex.cookie);
    expect(globexTickets.map((ticket) => ticket.subject)).not.toContain('Sneaky');
  });

  it('hides tickets on a portal whose toggle is off, in the API and in the page', async () => {
    await world.staff.mutate('portals.update', { portalId, features: ['activity'] });
    try {
      await eventually(
        'the toggle applied',
        async () => (await call('tickets.list', acme.cookie)).status === 404,
      );
      expect((await call('tickets.open', acme.cookie, { subject: 'Hidden' })).status).toBe(404);
      const page = await portalRequest(url, host(), '/');
      expect(page.body).toContain('"features":["activity"]');
    } finally {
      await world.staff.mutate('portals.update', { portalId, features: ['tickets'] });
    }
  });

  it('answers 401 without a session', async () => {
    expect((await portalRequest(url, host(), clientPath('tickets.list'))).status).toBe(401);
  });
});
