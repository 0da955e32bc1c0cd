import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPath, portalRequest } from '../../support/portal-client';
import { eventually } from '../../support/suite-fixture';
import {
  amendedContract,
  clientCompany,
  type PortalWorld,
  sharedQuote,
  signedInClient,
  startPortalWorld,
  wonClient,
} from './portal-support';

// Staff delete a portal (decision 0158): it serves nothing at once, its domains and client sessions go;
// one that shared documents is archived with them, one that shared nothing is deleted and frees its slug.
let world: PortalWorld;

interface Deletion {
  readonly portalId: string;
  readonly outcome: 'deleted' | 'archived';
  readonly domainsRemoved: string[];
  readonly sessionsEnded: number;
  readonly sharesKept: number;
}

beforeAll(async () => {
  world = await startPortalWorld();
});
afterAll(() => world?.close());

/** A portal `slug` with a custom domain and one client of `company` signed in; the client's cookie. */
async function portalInUse(slug: string, company: string) {
  const { portalId } = await world.staff.ok<{ portalId: string }>('portals.create', { slug, name: company });
  const host = `clients.${slug}.test`;
  await world.staff.ok('domains.add', { portalId, host });
  const email = `buyer@${slug}.test`;
  const { companyId } = await clientCompany(world.staff, company, email);
  await world.staff.ok('users.invite', { portalId, email });
  const cookie = await signedInClient(world, `${slug}.portal.localhost`, email);
  return { portalId, host, companyId, cookie };
}

/** A request on the portal's development host, as its client's browser makes it (POST when `body`). */
const site = (slug: string, path: string, cookie?: string, body?: unknown) =>
  portalRequest(world.sut.suite.url, `${slug}.portal.localhost:${world.port}`, path, {
    ...(cookie && { cookie }),
    ...(body !== undefined && { body }),
  });
const db = () => world.sut.database.db.system;

/** Staff delete the portal; its client is signed out at once and its host answers 404 (after the cache). */
async function deleted(slug: string, portalId: string, cookie: string): Promise<Deletion> {
  const deletion = await world.staff.ok<Deletion>('portals.delete', { portalId });
  expect((await site(slug, clientPath('session.me'), cookie)).status).toBe(401);
  await eventually('the development host gone', async () => (await site(slug, '/')).status === 404);
  return deletion;
}

describe('deleting a portal', () => {
  it("sends a later addendum of the archived portal's client to a portal still in use, though it is the org's oldest", async () => {
    const { portalId } = await world.staff.ok<{ portalId: string }>('portals.create', {
      slug: 'delete-esign',
      name: 'Signing Dental',
    });
    const { companyId, dealId } = await wonClient(
      world.staff,
      portalId,
      'Signing Dental',
      'buyer@delete-esign.test',
    );
    await sharedQuote(world.staff, portalId, companyId);
    expect(await world.staff.ok('portals.delete', { portalId })).toMatchObject({ outcome: 'archived' });

    // Another portal, newer than the archived one: addenda go to the oldest e-sign portal in use.
    const { portalId: inUse } = await world.staff.ok<{ portalId: string }>('portals.create', {
      slug: 'delete-esign-next',
      name: 'Next',
    });
    const { contractId } = await amendedContract(world.staff, companyId, dealId);
    const addendum = await eventually('the addendum shared', () =>
      db().portalShare.findFirst({ where: { kind: 'document', companyId } }),
    );
    expect(addendum.portalId).toBe(inUse);
    expect(addendum.snapshot).toMatchObject({ contractId });
  });

  it('deletes a portal that shared nothing: domain released, client signed out, slug free again', async () => {
    const slug = 'delete-empty';
    const { portalId, host, cookie } = await portalInUse(slug, 'Empty Dental');

    expect(await deleted(slug, portalId, cookie)).toEqual({
      portalId,
      outcome: 'deleted',
      domainsRemoved: [host],
      sessionsEnded: 1,
      sharesKept: 0,
    });
    expect(await db().portalPortal.findUnique({ where: { id: portalId } })).toBeNull();
    expect(await db().portalDomain.count({ where: { host } })).toBe(0);
    expect(await db().portalUser.count({ where: { portalId } })).toBe(0);
    expect(
      await db().auditLogEntry.findFirst({ where: { action: 'portal.deleted', target: portalId } }),
    ).toMatchObject({ detail: expect.objectContaining({ slug, domainsRemoved: [host] }) });

    const again = await world.staff.mutate('portals.delete', { portalId });
    expect(again).toMatchObject({ status: 404, message: `portal ${portalId} not found` });
    await world.staff.ok('portals.create', { slug, name: 'Empty Dental again' });
  });

  it('archives a portal whose client answered a quote: the share and its PDF stay, users revoked, slug kept', async () => {
    const slug = 'delete-archived';
    const { portalId, host, companyId, cookie } = await portalInUse(slug, 'Archived Dental');
    const share = await sharedQuote(world.staff, portalId, companyId);
    const answered = await site(slug, clientPath('quotes.respond'), cookie, {
      shareId: share.shareId,
      decision: 'accept',
    });
    expect(answered.status).toBe(200);

    expect(await deleted(slug, portalId, cookie)).toEqual({
      portalId,
      outcome: 'archived',
      domainsRemoved: [host],
      sessionsEnded: 1,
      sharesKept: 1,
    });
    expect(await db().portalShare.findUniqueOrThrow({ where: { id: share.shareId } })).toMatchObject({
      status: 'accepted',
      sha256: share.sha256,
    });
    expect(await db().portalUser.findMany({ where: { portalId } })).toEqual([
      expect.objectContaining({ revokedAt: expect.any(Date) }),
    ]);

    // Staff no longer see the portal, but still what it shared; its slug stays taken.
    const listed = await world.staff.ok<{ portalId: string }[]>('portals.list', undefined, 'query');
    expect(listed.map((portal) => portal.portalId)).not.toContain(portalId);
    expect((await world.staff.query('portals.get', { portalId })).status).toBe(404);
    const shares = await world.staff.ok<{ shareId: string; status: string }[]>(
      'shares.list',
      { portalId },
      'query',
    );
    expect(shares).toEqual([expect.objectContaining({ shareId: share.shareId, status: 'accepted' })]);
    expect((await world.staff.mutate('portals.create', { slug, name: 'Taken' })).status).toBe(409);
    expect((await world.staff.mutate('users.invite', { portalId, email: `buyer@${slug}.test` })).status).toBe(
      404,
    );
    expect(
      await db().auditLogEntry.findFirst({ where: { action: 'portal.archived', target: portalId } }),
    ).toMatchObject({ detail: expect.objectContaining({ sharesKept: 1 }) });
  });

  it('refuses a Member (403 naming the permission) and names an unknown portal (404)', async () => {
    const { portalId } = await world.staff.ok<{ portalId: string }>('portals.create', {
      slug: 'delete-refused',
      name: 'Kept',
    });
    const mia = await world.sut.staff('mia@northwind.test', 'portal');
    const refused = await mia.mutate('portals.delete', { portalId });
    expect(refused.status).toBe(403);
    expect(refused.message).toContain('portal.portals.manage');
    expect(await db().portalPortal.findUnique({ where: { id: portalId } })).not.toBeNull();

    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await world.staff.mutate('portals.delete', { portalId: unknown })).toMatchObject({
      status: 404,
      message: `portal ${unknown} not found`,
    });
  });
});
