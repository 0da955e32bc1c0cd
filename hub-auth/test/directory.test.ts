import { randomUUID } from 'node:crypto';
import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeMembership, deactivateUser, findUsers, syncFromHub } from '../src/directory/directory.service';
import type { HubUserInfo } from '../src/oidc/hub-claims.schema';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const org = (slug: string, products: string[] = ['crm', 'psa']) => ({
  id: randomUUID(),
  slug: `${slug}-${randomUUID().slice(0, 8)}`,
  name: slug,
  products: products as never[],
});
const none = { allow: [], deny: [] };

function userInfo(orgs: ReturnType<typeof org>[], role: 'Owner' | 'Member' = 'Member'): HubUserInfo {
  const sub = randomUUID();
  return {
    sub,
    email: `${sub}@example.test`,
    name: 'Sam Sample',
    orgs: orgs.map((o) => ({ ...o, role, grants: none })),
  };
}

describe('directory from sign-in claims', () => {
  it('creates the orgs as tenants with their products, the user and one membership per org', async () => {
    const [a, b] = [org('alpha', ['crm']), org('beta')];
    const info = userInfo([a, b]);
    await syncFromHub(database.db.system, info, { reactivate: true });
    const { system } = database.db;
    expect(await system.organization.findUnique({ where: { id: a.id } })).toMatchObject({ slug: a.slug });
    expect(await system.hubOrg.findUnique({ where: { orgId: a.id } })).toMatchObject({ products: ['crm'] });
    const memberships = await system.hubMembership.findMany({ where: { userId: info.sub } });
    expect(memberships.map((row) => row.orgId).sort()).toEqual([a.id, b.id].sort());
  });

  it('replaces what it knew: a membership Hub no longer states is removed, the profile updated', async () => {
    const [a, b] = [org('alpha'), org('beta')];
    const info = userInfo([a, b]);
    await syncFromHub(database.db.system, info, { reactivate: true });
    await syncFromHub(
      database.db.system,
      { ...info, name: 'Sam Renamed', orgs: [{ ...a, role: 'Owner', grants: none }] },
      { reactivate: true },
    );
    const memberships = await database.db.system.hubMembership.findMany({ where: { userId: info.sub } });
    expect(memberships.map(({ orgId, role }) => ({ orgId, role }))).toEqual([{ orgId: a.id, role: 'Owner' }]);
    expect(await findUsers(database.db.system, [info.sub])).toEqual([
      { id: info.sub, email: info.email, name: 'Sam Renamed', deactivated: false },
    ]);
  });

  it('keeps memberships tenant data: an org sees only its own members', async () => {
    const [a, b] = [org('alpha'), org('beta')];
    await syncFromHub(database.db.system, userInfo([a]), { reactivate: true });
    await syncFromHub(database.db.system, userInfo([b]), { reactivate: true });
    const seen = await forOrg(database.db.app, a.id).transaction((tx) => tx.hubMembership.findMany());
    expect(seen.map((row) => row.orgId)).toEqual([a.id]);
  });
});

describe('directory from Hub events', () => {
  it('changes a role, grants and the org products; skips users or orgs it has never seen', async () => {
    const a = org('alpha');
    const info = userInfo([a]);
    await syncFromHub(database.db.system, info, { reactivate: true });
    const changed = await changeMembership(database.db.system, {
      orgId: a.id,
      userId: info.sub,
      role: 'Viewer',
      allow: ['crm.deals.write'],
      products: ['crm'],
    });
    expect(changed).toBe(true);
    const membership = await database.db.system.hubMembership.findUniqueOrThrow({
      where: { orgId_userId: { orgId: a.id, userId: info.sub } },
    });
    expect(membership).toMatchObject({ role: 'Viewer', allow: ['crm.deals.write'], deny: [] });
    expect(await database.db.system.hubOrg.findUnique({ where: { orgId: a.id } })).toMatchObject({
      products: ['crm'],
    });
    expect(
      await changeMembership(database.db.system, { orgId: a.id, userId: 'never-seen', role: 'Owner' }),
    ).toBe(false);
    expect(
      await changeMembership(database.db.system, { orgId: randomUUID(), userId: info.sub, role: 'Owner' }),
    ).toBe(false);
  });

  it('deactivation ends every session of the user and keeps them listed as deactivated', async () => {
    const info = userInfo([org('alpha')]);
    await syncFromHub(database.db.system, info, { reactivate: true });
    const session = (id: string) => ({
      id,
      userId: info.sub,
      idToken: 'id-token',
      tokensExpireAt: new Date(Date.now() + 60_000),
      expiresAt: new Date(Date.now() + 60_000),
    });
    await database.db.system.hubSession.createMany({ data: [session(randomUUID()), session(randomUUID())] });
    expect(await deactivateUser(database.db.system, info.sub)).toBe(2);
    expect(await database.db.system.hubSession.count({ where: { userId: info.sub } })).toBe(0);
    const [entry] = await findUsers(database.db.system, [info.sub]);
    expect(entry).toMatchObject({ id: info.sub, name: 'Sam Sample', deactivated: true });
    // A refresh does not undo a deactivation; only a new interactive sign-in at Hub does.
    await syncFromHub(database.db.system, info, { reactivate: false });
    expect((await findUsers(database.db.system, [info.sub]))[0]?.deactivated).toBe(true);
    await syncFromHub(database.db.system, info, { reactivate: true });
    expect((await findUsers(database.db.system, [info.sub]))[0]?.deactivated).toBe(false);
  });
});
