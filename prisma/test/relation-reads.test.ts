import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forOrg } from '../src';
import { countOverlappingQueries, createTestDatabase, type TestDatabase } from '../src/testing';

let database: TestDatabase;
let orgId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  orgId = (await database.db.system.organization.create({ data: { slug: 'org-r', name: 'R' } })).id;
});
afterAll(() => database?.drop());

describe('reads with relations inside a tenant transaction', () => {
  it('send one query at a time on the transaction (the relationJoins strategy, decision 0163)', async () => {
    const queries = countOverlappingQueries();
    try {
      const company = await forOrg(database.db.app, orgId).transaction(async (tx) => {
        const created = await tx.crmCompany.create({
          data: { name: 'Acme', contacts: { create: [{ name: 'Ann' }, { name: 'Bob' }] } },
        });
        return tx.crmCompany.update({
          where: { id: created.id },
          data: { domain: 'acme.example' },
          include: { contacts: { orderBy: { name: 'asc' } }, deals: true, domainKeys: true },
        });
      });
      expect(company.contacts.map((contact) => contact.name)).toEqual(['Ann', 'Bob']);
      // The company's domain key is a trigger's row, read back in the same statement.
      expect(company).toMatchObject({ deals: [], domainKeys: [{ domain: 'acme.example' }] });
      expect(queries.overlaps()).toBe(0);
    } finally {
      queries.restore();
    }
  });
});
