import { forOrg } from '@suite/db';
import { createTestDatabase, type TestDatabase } from '@suite/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmModule } from '../src';
import { backfillContactPhones } from '../src/contacts/contact-phone.service';
import { contactPhoneBackfillJob } from '../src/jobs/contact-phone-backfill.job';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const run = () =>
  contactPhoneBackfillJob.run({ db: database.db, log: pino({ level: 'silent' }), slot: new Date() });

/** An org whose contacts were saved before the phone index: numbers as typed, no index rows. */
async function orgWithOldContacts(
  slug: string,
  country: string,
  contacts: readonly Record<string, unknown>[],
) {
  const org = await database.db.system.organization.create({ data: { slug, name: slug } });
  const tenant = forOrg(database.db.app, org.id);
  await tenant.transaction(async (tx) => {
    await tx.crmSettings.create({ data: { defaultCountry: country } });
    const company = await tx.crmCompany.create({ data: { name: `${slug} client`, status: 'active' } });
    for (const contact of contacts)
      await tx.crmContact.create({ data: { companyId: company.id, name: String(contact.name), ...contact } });
  });
  return tenant;
}
const indexOf = (tenant: ReturnType<typeof forOrg>) =>
  tenant.transaction((tx) =>
    tx.crmContactPhone.findMany({
      select: { contact: { select: { name: true } }, kind: true, e164: true, extension: true },
      orderBy: [{ contact: { name: 'asc' } }, { kind: 'asc' }],
    }),
  );

describe('crm.contact-phone-backfill', () => {
  it('is one of the CRM module’s jobs', () => {
    expect(crmModule.jobs).toContain(contactPhoneBackfillJob);
  });

  it('indexes old contacts in E.164 in their org’s country, reports garbage, and a second run changes nothing', async () => {
    const gb = await orgWithOldContacts('backfill-gb', 'GB', [
      { name: 'Ana', phone: '020 7946 0018', mobile: '07911 123456' },
      { name: 'Bob', otherPhones: ['+1 (415) 555-0100 ext. 12'] },
      { name: 'Gus', phone: 'ask reception', mobile: '020 7946 0019' },
      { name: 'Nil' },
    ]);
    const us = await orgWithOldContacts('backfill-us', 'US', [{ name: 'Uma', phone: '(415) 555-0101' }]);

    expect(await run()).toBe(
      'indexed the numbers of 4 contact(s) in 2 org(s); 1 number(s) unreadable, see the log',
    );
    expect(await indexOf(gb)).toEqual([
      { contact: { name: 'Ana' }, kind: 'work', e164: '+442079460018', extension: null },
      { contact: { name: 'Ana' }, kind: 'mobile', e164: '+447911123456', extension: null },
      { contact: { name: 'Bob' }, kind: 'additional', e164: '+14155550100', extension: '12' },
      { contact: { name: 'Gus' }, kind: 'mobile', e164: '+442079460019', extension: null },
    ]);
    expect(await indexOf(us)).toEqual([
      { contact: { name: 'Uma' }, kind: 'work', e164: '+14155550101', extension: null },
    ]);

    expect(await run()).toBe('indexed the numbers of 0 contact(s) in 2 org(s)');
    expect(await indexOf(gb)).toHaveLength(4);
  });

  it('resumes after the last contact of a committed batch, in id order', async () => {
    const tenant = await orgWithOldContacts('backfill-batches', 'GB', [
      { name: 'C1', phone: '020 7946 0101' },
      { name: 'C2', phone: '020 7946 0102' },
      { name: 'C3', phone: '020 7946 0103' },
    ]);
    const first = await tenant.transaction((tx) => backfillContactPhones(tx, null, 2));
    expect(first).toMatchObject({ seen: 2, indexed: 2, unreadable: [] });
    // An interruption here loses nothing: the next run starts over and finds only what is left.
    const rest = await tenant.transaction((tx) => backfillContactPhones(tx, null, 2));
    expect(rest).toMatchObject({ seen: 1, indexed: 1 });
    const after = await tenant.transaction((tx) => backfillContactPhones(tx, rest.lastContactId, 2));
    expect(after).toEqual({ lastContactId: null, seen: 0, indexed: 0, unreadable: [] });
    expect(await indexOf(tenant)).toHaveLength(3);
  });
});
