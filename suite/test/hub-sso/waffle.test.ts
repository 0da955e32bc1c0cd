import { DEV_HUB_SEED } from '@suite/hub-auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SuiteUnderTest, startTestSuite } from './test-suite';

const contoso = DEV_HUB_SEED.orgs.find((org) => org.slug === 'contoso');

let sut: SuiteUnderTest;
beforeAll(async () => {
  sut = await startTestSuite();
});
afterAll(() => sut?.close());

const menu = (products: string[]) =>
  products.map((product) => ({ product, name: expect.any(String), url: `${sut.suite.url}/${product}/` }));

describe('waffle menu', () => {
  it.each([
    [
      'an Owner of an org with every product',
      'olivia@northwind.test',
      ['crm', 'psa', 'books', 'voice', 'portal'],
    ],
    [
      'a Viewer: every product is open to read',
      'victor@northwind.test',
      ['crm', 'psa', 'books', 'voice', 'portal'],
    ],
    ['a Member whose Hub grants deny Books', 'grace@northwind.test', ['crm', 'psa', 'voice', 'portal']],
    ['an Owner of an org with CRM and PSA only', 'carl@contoso.test', ['crm', 'psa']],
  ])('lists exactly what %s can open', async (_who, email, products) => {
    const browser = await sut.signedIn(email);
    const response = await browser.json('/hub/waffle');
    expect(response.status).toBe(200);
    expect((response.body as { items: unknown }).items).toEqual(menu(products));
  });

  it('follows the active org', async () => {
    const dana = await sut.signedIn('dana@northwind.test');
    expect((await dana.json('/hub/waffle')).body).toMatchObject({
      items: menu(['crm', 'psa', 'books', 'voice', 'portal']),
    });
    await dana.postJson('/auth/org', { orgId: contoso?.id });
    expect((await dana.json('/hub/waffle')).body).toEqual({
      org: { id: contoso?.id, name: 'Contoso IT' },
      items: [
        { product: 'crm', name: 'CRM', url: `${sut.suite.url}/crm/` },
        { product: 'psa', name: 'PSA', url: `${sut.suite.url}/psa/` },
      ],
    });
  });

  it('answers 401 to a signed-out browser', async () => {
    expect((await sut.browser().json('/hub/waffle')).status).toBe(401);
  });
});
