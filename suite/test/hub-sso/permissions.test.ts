import { defineModule } from '@suite/contracts';
import {
  PERMISSIONS,
  type Permission,
  type Product,
  productOf,
  router,
  staffProcedure,
} from '@suite/hub-auth';
import type { StaffBrowser } from '@suite/hub-auth/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SuiteUnderTest, startTestSuite } from './test-suite';

// CRM and PSA do not exist yet: stand-in modules with one staff procedure per permission of the
// product, mounted exactly where the real modules' routers go (`/<module>/trpc`).
const procedureName = (permission: Permission) =>
  permission.slice(permission.indexOf('.') + 1).replaceAll('.', '_');
const permissionsOf = (product: Product) =>
  PERMISSIONS.filter((permission) => productOf(permission) === product);

function standInModule(name: Product) {
  const procedures = Object.fromEntries(
    permissionsOf(name).map((permission) => [
      procedureName(permission),
      staffProcedure
        .meta({ permission })
        .query(({ ctx }) => ({ permission, orgId: ctx.orgId, allowed: ctx.can(permission) })),
    ]),
  );
  return defineModule({ name, appRouter: router(procedures) });
}

const UNDER_TEST = [...permissionsOf('crm'), ...permissionsOf('psa')];

let sut: SuiteUnderTest;
beforeAll(async () => {
  sut = await startTestSuite({}, [standInModule('crm'), standInModule('psa'), standInModule('books')]);
});
afterAll(() => sut?.close());

async function call(browser: StaffBrowser, permission: Permission) {
  const product = productOf(permission);
  return browser.json(`/${product}/trpc/${procedureName(permission)}`);
}

/** Each CRM and PSA procedure's status for this user: 200 or 403. */
async function answers(email: string): Promise<Record<string, number>> {
  const browser = await sut.signedIn(email);
  const entries = await Promise.all(
    UNDER_TEST.map(async (permission) => [permission, (await call(browser, permission)).status]),
  );
  return Object.fromEntries(entries);
}

const expected = (allowed: readonly Permission[]) =>
  Object.fromEntries(UNDER_TEST.map((permission) => [permission, allowed.includes(permission) ? 200 : 403]));

const CRM_READS: Permission[] = ['crm.access', 'crm.deals.read', 'crm.companies.read'];
const PSA_READS: Permission[] = ['psa.access', 'psa.tickets.read', 'psa.projects.read', 'psa.contracts.read'];
const MEMBER_WRITES: Permission[] = [
  'crm.deals.write',
  'crm.companies.write',
  'crm.quotes.write',
  'psa.tickets.write',
  'psa.projects.write',
  'psa.clients.write',
];
const ADMIN_ONLY: Permission[] = [
  'crm.deals.delete',
  'crm.companies.promote',
  'crm.settings.manage',
  'psa.contracts.write',
  'psa.contracts.sign',
];

describe('permission matrix over HTTP, CRM and PSA staff procedures', () => {
  it.each([
    ['Owner', 'olivia@northwind.test', [...CRM_READS, ...PSA_READS, ...MEMBER_WRITES, ...ADMIN_ONLY]],
    ['Admin', 'adam@northwind.test', [...CRM_READS, ...PSA_READS, ...MEMBER_WRITES, ...ADMIN_ONLY]],
    ['Member', 'mia@northwind.test', [...CRM_READS, ...PSA_READS, ...MEMBER_WRITES]],
    ['Viewer', 'victor@northwind.test', [...CRM_READS, ...PSA_READS]],
  ] as const)(
    '%s (%s) gets 200 exactly for its permissions, 403 for the rest',
    async (_role, email, allowed) => {
      expect(await answers(email)).toEqual(expected(allowed));
    },
  );

  it('a granular Hub grant changes one answer: Grace is a Member allowed to sign contracts', async () => {
    const member = await answers('mia@northwind.test');
    const granted = await answers('grace@northwind.test');
    const changed = UNDER_TEST.filter((permission) => member[permission] !== granted[permission]);
    expect(changed).toEqual(['psa.contracts.sign']);
    expect(granted['psa.contracts.sign']).toBe(200);
  });

  it('a refusal is a 403 naming the missing permission, and the procedure sees what the user may do', async () => {
    const viewer = await sut.signedIn('victor@northwind.test');
    const refused = await call(viewer, 'crm.deals.write');
    expect(refused).toMatchObject({
      status: 403,
      body: {
        error: {
          message:
            'missing permission crm.deals.write: role Viewer in Northwind MSP does not grant it and no Hub grant adds it',
          data: { code: 'FORBIDDEN', httpStatus: 403 },
        },
      },
    });
    expect(await call(viewer, 'crm.deals.read')).toMatchObject({
      status: 200,
      body: { result: { data: { allowed: true } } },
    });
  });

  it('refuses every permission of a product the org does not have, saying so', async () => {
    const owner = await sut.signedIn('carl@contoso.test');
    expect((await call(owner, 'psa.contracts.sign')).status).toBe(200);
    expect(await call(owner, 'books.invoices.read')).toMatchObject({
      status: 403,
      body: {
        error: { message: 'missing permission books.invoices.read: Contoso IT does not have Books at Hub' },
      },
    });
  });

  it('answers 401 without a session', async () => {
    expect(await call(sut.browser(), 'crm.deals.read')).toMatchObject({
      status: 401,
      body: {
        error: {
          message: 'not signed in (no session cookie); sign in at /auth/login',
          data: { code: 'UNAUTHORIZED' },
        },
      },
    });
  });
});
