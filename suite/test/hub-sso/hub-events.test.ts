import { publish } from '@suite/bus';
import { forOrg } from '@suite/db';
import { DEV_HUB_SEED } from '@suite/hub-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SuiteUnderTest, startTestSuite } from './test-suite';

const northwind = DEV_HUB_SEED.orgs.find((org) => org.slug === 'northwind');
const contoso = DEV_HUB_SEED.orgs.find((org) => org.slug === 'contoso');
const seeded = (email: string) => DEV_HUB_SEED.users.find((user) => user.email === email)?.id ?? '';

// The suite process runs the bus (PostgreSQL log) with hub-auth's directory subscription; the test
// plays Hub, publishing its user events into the bus.
let sut: SuiteUnderTest;
beforeAll(async () => {
  sut = await startTestSuite();
});
afterAll(() => sut?.close());

/** Hub publishing one of its user events for an org (Northwind unless named). */
function hubPublishes(event: Parameters<typeof publish>[1], orgId = northwind?.id ?? ''): Promise<unknown> {
  return forOrg(sut.database.db.app, orgId).transaction((tx) => publish(tx, event));
}

async function within<T>(ms: number, probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Hub user events on the bus', () => {
  it('hub.user.deactivated ends the user’s sessions within seconds; other users stay signed in', async () => {
    const adam = await sut.signedIn('adam@northwind.test');
    const olivia = await sut.signedIn('olivia@northwind.test');
    expect((await adam.json('/auth/session')).status).toBe(200);

    const published = Date.now();
    await hubPublishes({
      type: 'hub.user.deactivated',
      data: {
        userId: seeded('adam@northwind.test'),
        orgId: northwind?.id ?? '',
        deactivatedAt: new Date().toISOString(),
      },
    });
    const after = await within(
      5000,
      () => adam.json('/auth/session'),
      (answer) => answer.status === 401,
    );
    expect(after).toMatchObject({
      status: 401,
      body: { message: 'session ended or unknown; sign in at /auth/login' },
    });
    expect(Date.now() - published).toBeLessThan(5000);
    expect((await olivia.json('/auth/session')).status).toBe(200);
    const user = await sut.database.db.system.hubUser.findUniqueOrThrow({
      where: { id: seeded('adam@northwind.test') },
    });
    expect(user.deactivatedAt).not.toBeNull();
  });

  it('hub.membership.changed applies to the next request of a signed-in user', async () => {
    const mia = await sut.signedIn('mia@northwind.test');
    const permissions = async () =>
      ((await mia.json('/auth/session')).body as { permissions: string[] }).permissions;
    expect(await permissions()).toContain('crm.deals.write');
    await hubPublishes({
      type: 'hub.membership.changed',
      data: {
        userId: seeded('mia@northwind.test'),
        orgId: northwind?.id ?? '',
        role: 'Viewer',
        deny: ['psa.access'],
      },
    });
    const changed = await within(5000, permissions, (names) => !names.includes('crm.deals.write'));
    expect(changed).toContain('crm.deals.read');
    expect(changed.filter((name) => name.startsWith('psa.'))).toEqual([]);
  });

  it('hub.membership.removed takes one org away from a signed-in user and leaves the others', async () => {
    const dana = await sut.signedIn('dana@northwind.test');
    expect((await dana.postJson('/auth/org', { orgId: contoso?.id })).status).toBe(200);
    await hubPublishes(
      {
        type: 'hub.membership.removed',
        data: {
          userId: seeded('dana@northwind.test'),
          orgId: contoso?.id ?? '',
          removedAt: new Date().toISOString(),
        },
      },
      contoso?.id,
    );
    const session = await within(
      5000,
      () => dana.json('/auth/session'),
      (answer) => (answer.body as { org?: { id: string } }).org?.id !== contoso?.id,
    );
    expect(session).toMatchObject({
      status: 200,
      body: { org: { id: northwind?.id, role: 'Member' }, orgs: [{ slug: 'northwind' }] },
    });
    expect(await dana.postJson('/auth/org', { orgId: contoso?.id })).toMatchObject({
      status: 403,
      body: { message: expect.stringContaining(`is not a member of org ${contoso?.id}`) },
    });
  });

  it('hub.user.updated renames the user in the directory', async () => {
    const victor = await sut.signedIn('victor@northwind.test');
    await hubPublishes({
      type: 'hub.user.updated',
      data: {
        userId: seeded('victor@northwind.test'),
        orgId: northwind?.id ?? '',
        email: 'victor@northwind.test',
        name: 'Victor V. Viewer',
      },
    });
    const session = await within(
      5000,
      () => victor.json('/auth/session'),
      (answer) => (answer.body as { user: { name: string } }).user.name !== 'Victor Viewer',
    );
    expect(session.body).toMatchObject({ user: { name: 'Victor V. Viewer' } });
  });
});
