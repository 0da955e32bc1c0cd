import { defineModule } from '@suite/contracts';
import { forOrg } from '@suite/db';
import { DEV_HUB_SEED, router, staffProcedure } from '@suite/hub-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SuiteUnderTest, startTestSuite } from './test-suite';

const [northwind, contoso] = DEV_HUB_SEED.orgs;
const DANA = 'dana@northwind.test';

// A stand-in CRM procedure reading tenant rows the only way module code can: through ctx.tenant.
const crm = defineModule({
  name: 'crm',
  appRouter: router({
    activity: staffProcedure
      .meta({ permission: 'crm.deals.read' })
      .query(({ ctx }) =>
        ctx.tenant.transaction(async (tx) =>
          (await tx.auditLogEntry.findMany({ orderBy: { at: 'asc' } })).map((row) => row.target),
        ),
      ),
  }),
});

let sut: SuiteUnderTest;
beforeAll(async () => {
  sut = await startTestSuite({}, [crm]);
  for (const org of [northwind, contoso]) {
    await forOrg(sut.database.db.app, org?.id ?? '').transaction((tx) =>
      tx.auditLogEntry.createMany({
        data: [1, 2].map((n) => ({ actor: 'seed', action: 'deal.update', target: `${org?.slug} deal ${n}` })),
      }),
    );
  }
});
afterAll(() => sut?.close());

describe('org switching', () => {
  it('shows a user in two orgs only the active org’s data, with the role they hold there', async () => {
    const dana = await sut.signedIn(DANA);
    expect(await dana.json('/auth/session')).toMatchObject({
      status: 200,
      body: {
        org: { id: northwind?.id, role: 'Member' },
        orgs: [{ slug: 'contoso' }, { slug: 'northwind' }],
      },
    });
    expect(await dana.json('/crm/trpc/activity')).toMatchObject({
      status: 200,
      body: { result: { data: ['northwind deal 1', 'northwind deal 2'] } },
    });

    const switched = await dana.postJson('/auth/org', { orgId: contoso?.id });
    expect(switched).toMatchObject({
      status: 200,
      body: { org: { id: contoso?.id, role: 'Admin', products: ['crm', 'psa'] } },
    });
    expect(switched.body).toMatchObject({ permissions: expect.arrayContaining(['psa.contracts.sign']) });
    expect(await dana.json('/crm/trpc/activity')).toMatchObject({
      body: { result: { data: ['contoso deal 1', 'contoso deal 2'] } },
    });
  });

  it('refuses to switch to an org the user is not a member of, naming the ones they are in', async () => {
    const mia = await sut.signedIn('mia@northwind.test');
    const refused = await mia.postJson('/auth/org', { orgId: contoso?.id });
    expect(refused).toMatchObject({
      status: 403,
      body: {
        message: `mia@northwind.test is not a member of org ${contoso?.id}; pick one of ${northwind?.id}`,
      },
    });
    expect(await mia.json('/crm/trpc/activity')).toMatchObject({
      body: { result: { data: ['northwind deal 1', 'northwind deal 2'] } },
    });
  });

  it('rejects a body without an org id', async () => {
    const mia = await sut.signedIn('mia@northwind.test');
    const response = await mia.postJson('/auth/org', { org: 'contoso' });
    expect(response).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('expected {"orgId": "<uuid>"}') },
    });
  });
});
