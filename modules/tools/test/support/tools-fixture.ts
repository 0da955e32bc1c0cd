import { randomUUID } from 'node:crypto';
import { keepPublishedEvents } from '@suite/bus/testing';
import { forOrg, type OrgScope, type Prisma } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { newKeyEntry, parseVaultKeys, staticKeyring } from '../../src/vault/keyring';

export interface ToolsFixture {
  readonly database: TestDatabase;
  createOrg(name?: string): Promise<OrgScope>;
  createConnection(org: OrgScope, provider: string, settings?: Prisma.InputJsonObject): Promise<string>;
  close(): Promise<void>;
}

/** A keyring of fresh keys, versions 1..n (the highest active). */
export function testKeyring(versions = 1) {
  const entries = Array.from({ length: versions }, (_, index) => newKeyEntry(index + 1));
  return { entries, keyring: staticKeyring(parseVaultKeys(entries.join(','))) };
}

/** The tools module's one fixture: a migrated database of the test file's own, orgs and connections. */
export async function toolsFixture(): Promise<ToolsFixture> {
  const database = await createTestDatabase();
  await keepPublishedEvents(database.url);
  return {
    database,
    async createOrg(name = 'Acme MSP') {
      const org = await database.db.system.organization.create({
        data: { name, slug: `org-${randomUUID().slice(0, 8)}` },
      });
      return forOrg(database.db.app, org.id);
    },
    async createConnection(org, provider, settings = {}) {
      const row = await org.transaction((tx) =>
        tx.toolsConnection.create({ data: { provider, settings, health: 'connected' } }),
      );
      return row.id;
    },
    close: () => database.drop(),
  };
}
