import { forOrg } from '@suite/db';
import { portalModule } from '@suite/portal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPath, portalRequest } from '../../support/portal-client';
import { NORTHWIND } from '../../support/suite-fixture';
import {
  clientCompany,
  lastMailTo,
  type PortalWorld,
  signedInClient,
  startPortalWorld,
  tokenIn,
} from './portal-support';

// Staff revoke a client's portal access (decision 0107): sessions and unused links end at once, a new
// sign-in request is answered as for an unknown address, and inviting again restores access.
let world: PortalWorld;
let url: string;
let portalId: string;
let firstSession: string;
const PORTAL = 'revoke-clients.portal.localhost';
const EMAIL = 'buyer@revokedental.test';
const host = () => `${PORTAL}:${world.port}`;

interface User {
  portalUserId: string;
  email: string;
  state: string;
  revokedAt: string | null;
}

const me = (cookie: string) => portalRequest(url, host(), clientPath('session.me'), { cookie });
const askLink = (email: string) => portalRequest(url, host(), '/portal/sign-in/link', { body: { email } });
const confirm = (token: string) => portalRequest(url, host(), '/portal/sign-in/confirm', { body: { token } });
const mailsTo = (email: string) =>
  (world.mail.effects as { to: string }[]).filter((m) => m.to === email).length;

async function user(email: string): Promise<User> {
  const users = await world.staff.ok<User[]>('users.list', { portalId }, 'query');
  const found = users.find((candidate) => candidate.email === email);
  if (!found) throw new Error(`${email} is not a portal user`);
  return found;
}

beforeAll(async () => {
  world = await startPortalWorld();
  url = world.sut.suite.url;
  ({ portalId } = await world.staff.ok<{ portalId: string }>('portals.create', {
    slug: 'revoke-clients',
    name: 'Revoke portal',
  }));
  await clientCompany(world.staff, 'Revoke Dental', EMAIL);
  await world.staff.ok('users.invite', { portalId, email: EMAIL });
});
afterAll(async () => {
  await world?.close();
});

describe('revoking portal access', () => {
  it('shows an invited user as invited, and as active once signed in', async () => {
    expect((await user(EMAIL)).state).toBe('invited');
    firstSession = await signedInClient(world, PORTAL, EMAIL);
    expect((await user(EMAIL)).state).toBe('active');
  });

  it('ends every session and unused link at once, keeping the user row for the trail', async () => {
    const cookie = await signedInClient(world, PORTAL, EMAIL);
    const other = await signedInClient(world, PORTAL, EMAIL);
    expect((await me(cookie)).status).toBe(200);
    expect((await askLink(EMAIL)).status).toBe(202);
    const pendingToken = tokenIn(lastMailTo(world.mail, EMAIL));

    const { portalUserId } = await user(EMAIL);
    const revoked = await world.staff.mutate<User>('users.revoke', { portalUserId });
    expect(revoked.status, revoked.body).toBe(200);
    expect(revoked.data).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });

    expect((await me(cookie)).status).toBe(401);
    expect((await me(other)).status).toBe(401);
    expect((await me(firstSession)).status).toBe(401);
    const refused = await confirm(pendingToken);
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ field: 'token' });

    const db = world.sut.database.db.system;
    expect(await db.portalUser.findUniqueOrThrow({ where: { id: portalUserId } })).toMatchObject({
      email: EMAIL,
      revokedAt: expect.any(Date),
      revokedBy: expect.any(String),
    });
    expect(await db.portalSession.count({ where: { userId: portalUserId } })).toBe(0);
    expect(
      await db.auditLogEntry.findFirst({ where: { action: 'portal_user.revoked', target: portalUserId } }),
    ).toMatchObject({ detail: expect.objectContaining({ sessionsEnded: 3, linksInvalidated: 1 }) });
  });

  it('answers a revoked address exactly as an unknown one, and emails nothing', async () => {
    await world.sut.database.db.system.portalSignInRequest.deleteMany({});
    const before = mailsTo(EMAIL);
    const revoked = await askLink(EMAIL);
    const unknown = await askLink('nobody@revokedental.test');
    expect([revoked.status, revoked.body]).toEqual([unknown.status, unknown.body]);
    expect(revoked.status).toBe(202);
    expect(mailsTo(EMAIL)).toBe(before);
    expect(await world.sut.database.db.system.portalMagicLink.count({ where: { usedAt: null } })).toBe(0);
  });

  it('refuses a Member, naming the permission', async () => {
    const mia = await world.sut.staff('mia@northwind.test', 'portal');
    const refused = await mia.mutate('users.revoke', { portalUserId: (await user(EMAIL)).portalUserId });
    expect(refused.status).toBe(403);
    expect(refused.message).toContain('portal.portals.manage');
  });

  it('answers 404 for a portal user that is not one of the org', async () => {
    const missing = await world.staff.mutate('users.revoke', {
      portalUserId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missing.status).toBe(404);
  });

  it('restores access when staff invite the revoked user again, as a new invitation', async () => {
    const restored = await world.staff.mutate<User>('users.invite', { portalId, email: EMAIL });
    expect(restored.status, restored.body).toBe(200);
    expect(restored.data).toMatchObject({ state: 'invited', revokedAt: null });
    const cookie = await signedInClient(world, PORTAL, EMAIL);
    expect((await me(cookie)).status).toBe(200);
    expect((await user(EMAIL)).state).toBe('active');
    const audit = await world.sut.database.db.system.auditLogEntry.findMany({
      where: { target: restored.data.portalUserId },
      orderBy: { at: 'asc' },
    });
    expect(audit.map((entry) => entry.action)).toEqual(['portal_user.revoked', 'portal_user.restored']);
  });

  it('still erases a revoked user', async () => {
    await world.staff.ok('users.revoke', { portalUserId: (await user(EMAIL)).portalUserId });
    const report = await forOrg(world.sut.database.db.app, NORTHWIND).transaction((tx) =>
      portalModule.erasure?.erasePerson(tx as never, { email: EMAIL }),
    );
    expect(report).toMatchObject({ erased: [{ kind: 'portal user', count: 1 }] });
    expect(await world.sut.database.db.system.portalUser.count({ where: { email: EMAIL } })).toBe(0);
  });
});
