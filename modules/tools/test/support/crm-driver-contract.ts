import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmDriver } from '../../src/crm-drivers/crm-driver';
import type { CrmCreatableObject, CrmObject } from '../../src/crm-drivers/crm-driver.schema';

/** One CRM behind a driver, as the contract drives and inspects it. */
export interface CrmUnderTest {
  /** Runs `use` with the org's driver as it is now (its current field mapping), in one transaction. */
  using<T>(use: (driver: CrmDriver) => Promise<T>): Promise<T>;
  /** Contacts the CRM has created so far, counted at the CRM itself. */
  created(): Promise<number>;
  /** A record as the CRM stores it, by the CRM's own field names; undefined when there is none. */
  stored(object: CrmObject, externalId: string): Promise<Record<string, unknown> | undefined>;
  /** Saves the org's mapping for this CRM through the staff procedure's service. */
  saveMapping(fields: { canonicalKey: string; readPath: string; writePath?: string }[]): Promise<void>;
  /** Where the CRM keeps `contact.phone` by default, and another field of its own it can keep it in. */
  readonly phonePaths: { readonly standard: string; readonly alternate: string };
  /** HubSpot and Salesforce archive; our CRM deletes the row. */
  readonly hardDeletes: boolean;
  /**
   * Calls the CRM logged: as it stores them, and the contact each is linked to. Null for our CRM, which
   * logs Voice's calls itself.
   */
  readonly loggedCalls: (() => Promise<{ stored: unknown; contactId: string | undefined }[]>) | null;
  close(): Promise<void>;
}

const unique = () => randomUUID().slice(0, 8);
// London numbers (020 7…) that libphonenumber accepts: our CRM refuses numbers no country has.
const phoneNumber = () => `+44207${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

function newContact() {
  const tag = unique();
  return {
    email: `ann.${tag}@example.com`,
    phone: phoneNumber(),
    firstName: 'Ann',
    lastName: `Lovelace${tag}`,
    companyName: 'Analytical Engines Ltd',
  };
}

/**
 * The promises every CRM driver keeps (issue 11: "one shared driver contract test suite"), run against
 * each driver's stand-in and against our own CRM module.
 */
export function crmDriverContract(name: string, start: () => Promise<CrmUnderTest>): void {
  describe(`CRM driver contract: ${name}`, () => {
    let crm: CrmUnderTest;
    beforeAll(async () => {
      crm = await start();
    }, 60_000);
    afterAll(() => crm?.close());

    const create = (
      fields: Record<string, string>,
      object: CrmCreatableObject = 'contact',
      idempotencyKey = unique(),
    ) => crm.using((driver) => driver.createRecord({ object, fields, idempotencyKey }));

    it('testConnection answers ok for a working connection', async () => {
      expect(await crm.using((driver) => driver.testConnection())).toEqual({ ok: true });
    });

    it('looks a customer up by phone, by email and by external id, in canonical fields', async () => {
      const contact = newContact();
      const { externalId } = await create(contact);
      for (const by of [{ phone: contact.phone }, { email: contact.email.toUpperCase() }, { externalId }]) {
        const found = await crm.using((driver) => driver.lookupCustomer(by));
        expect(found, JSON.stringify(by)).toMatchObject({ object: 'contact', externalId, fields: contact });
      }
      expect(await crm.using((driver) => driver.lookupCustomer({ phone: phoneNumber() }))).toBeNull();
      expect(
        await crm.using((driver) => driver.lookupCustomer({ email: `nobody.${unique()}@example.com` })),
      ).toBeNull();
    });

    it('creates once per idempotency key, answering the first record again', async () => {
      const key = `conversation-${unique()}:turn-1`;
      const before = await crm.created();
      const first = await create(newContact(), 'contact', key);
      const again = await create(newContact(), 'contact', key);
      expect(again.externalId).toBe(first.externalId);
      expect((await crm.created()) - before).toBe(1);
      const other = await create(newContact());
      expect(other.externalId).not.toBe(first.externalId);
      expect((await crm.created()) - before).toBe(2);
    });

    it('updates only the fields given', async () => {
      const contact = newContact();
      const { externalId } = await create(contact);
      const updated = await crm.using((driver) =>
        driver.updateRecord({ object: 'contact', externalId, fields: { lastName: 'Byron' } }),
      );
      expect(updated.fields).toMatchObject({ ...contact, lastName: 'Byron' });
      const read = await crm.using((driver) => driver.lookupCustomer({ externalId }));
      expect(read?.fields).toMatchObject({ ...contact, lastName: 'Byron' });
    });

    it('searches records by text, finding only those that match', async () => {
      const contact = newContact();
      const { externalId } = await create(contact);
      await create(newContact());
      const { records } = await crm.using((driver) =>
        driver.searchRecords({ object: 'contact', query: contact.lastName, limit: 10 }),
      );
      expect(records.map((record) => record.externalId)).toEqual([externalId]);
      expect(records[0]?.fields).toMatchObject(contact);
    });

    it('lists the most recently changed records first, since a time', async () => {
      const since = new Date(Date.now() - 1000).toISOString();
      const older = await create(newContact());
      const newer = await create(newContact());
      const { records } = await crm.using((driver) =>
        driver.listRecent({ object: 'contact', since, limit: 50 }),
      );
      const ids = records.map((record) => record.externalId);
      expect(ids.indexOf(newer.externalId)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(newer.externalId)).toBeLessThan(ids.indexOf(older.externalId));
      const later = new Date(Date.now() + 60_000).toISOString();
      const none = await crm.using((driver) =>
        driver.listRecent({ object: 'contact', since: later, limit: 50 }),
      );
      expect(none.records).toEqual([]);
    });

    it('creates and reads companies too', async () => {
      const company = { name: `Acme ${unique()}`, domain: `acme-${unique()}.example` };
      const { externalId } = await create(company, 'company');
      const { records } = await crm.using((driver) =>
        driver.searchRecords({ object: 'company', query: company.name, limit: 10 }),
      );
      expect(records).toMatchObject([{ object: 'company', externalId, fields: company }]);
    });

    it('deletes a record, saying whether the CRM hard-deletes, and it is gone afterwards', async () => {
      const contact = newContact();
      const { externalId } = await create(contact);
      expect(await crm.using((driver) => driver.deleteRecord({ object: 'contact', externalId }))).toEqual({
        deleted: true,
        hardDeleted: crm.hardDeletes,
      });
      expect(await crm.using((driver) => driver.lookupCustomer({ externalId }))).toBeNull();
      expect(await crm.using((driver) => driver.lookupCustomer({ phone: contact.phone }))).toBeNull();
    });

    it('logs a call once per key, linked to the contact with its number, refusing a bad field; our CRM refuses calls', async () => {
      const call = {
        direction: 'inbound',
        outcome: 'completed',
        occurredAt: new Date().toISOString(),
        durationSeconds: '75',
        fromNumber: phoneNumber(),
        toNumber: '+14155550100',
        note: `Asked for a quote ${unique()}`,
      };
      const key = `voice.call-log:${randomUUID()}`;
      const { loggedCalls } = crm;
      if (!loggedCalls) {
        await expect(create(call, 'call', key)).rejects.toMatchObject({ field: 'object' });
        return;
      }
      const before = (await loggedCalls()).length;
      const first = await create(call, 'call', key);
      const again = await create(call, 'call', key);
      expect(first).toMatchObject({ object: 'call', fields: call });
      expect(again.externalId).toBe(first.externalId);
      const logged = await loggedCalls();
      expect(logged.length - before).toBe(1);
      for (const value of [call.note, call.fromNumber])
        expect(JSON.stringify(logged.at(-1))).toContain(value);
      const contact = newContact();
      const caller = await create(contact);
      await create({ ...call, fromNumber: contact.phone }, 'call');
      expect((await loggedCalls()).at(-1)?.contactId).toBe(caller.externalId);
      await expect(create({ ...call, outcome: 'hung-up' }, 'call')).rejects.toMatchObject({
        field: 'fields.outcome',
      });
      await expect(create({ ...call, colour: 'red' }, 'call')).rejects.toMatchObject({
        field: 'fields.colour',
        message: expect.stringContaining('unknown call field'),
      });
      expect((await loggedCalls()).length - before).toBe(2);
    });

    it("updates a logged call's recording link once per key, the same activity; our CRM refuses calls", async () => {
      const call = {
        direction: 'outbound',
        outcome: 'completed',
        occurredAt: new Date().toISOString(),
        toNumber: phoneNumber(),
        note: `Call back on Monday ${unique()}`,
      };
      const recordingUrl = `https://suite.example.com/voice/recordings/${randomUUID()}`;
      const update = (externalId: string, fields: Record<string, string>, idempotencyKey?: string) =>
        crm.using((driver) => driver.updateRecord({ object: 'call', externalId, fields, idempotencyKey }));
      const { loggedCalls } = crm;
      if (!loggedCalls) {
        await expect(update(randomUUID(), { recordingUrl })).rejects.toMatchObject({ field: 'object' });
        return;
      }
      const { externalId } = await create(call, 'call');
      const before = await loggedCalls();
      const key = `voice.call-log-recording:${randomUUID()}`;
      const updated = await update(externalId, { note: call.note, recordingUrl }, key);
      expect(updated).toMatchObject({ object: 'call', externalId, fields: { recordingUrl } });
      const after = await loggedCalls();
      expect(after).toHaveLength(before.length);
      for (const value of [recordingUrl, call.note]) expect(JSON.stringify(after.at(-1))).toContain(value);
      // The same key sends nothing again: a later link under it is answered with the first.
      const again = await update(externalId, { recordingUrl: `${recordingUrl}-2` }, key);
      expect(again.fields.recordingUrl).toBe(recordingUrl);
      expect(JSON.stringify((await loggedCalls()).at(-1))).not.toContain(`${recordingUrl}-2`);
      await expect(update(externalId, { outcome: 'busy' })).rejects.toMatchObject({
        field: 'fields.outcome',
        message: expect.stringContaining('a logged call changes only its note and recordingUrl'),
      });
    });

    it('refuses a field the object does not have, naming it', async () => {
      await expect(create({ ...newContact(), nickname: 'Ada' })).rejects.toMatchObject({
        field: 'fields.nickname',
        message: expect.stringContaining('fields.nickname: unknown contact field'),
      });
    });

    it('follows the org field mapping both ways: writes, reads and looks up the mapped field', async () => {
      const { standard, alternate } = crm.phonePaths;
      await crm.saveMapping([{ canonicalKey: 'contact.phone', readPath: alternate }]);
      try {
        const contact = newContact();
        const { externalId } = await create(contact);
        const stored = await crm.stored('contact', externalId);
        expect(stored?.[alternate]).toBe(contact.phone);
        expect(stored?.[standard] ?? null).toBeNull();
        const found = await crm.using((driver) => driver.lookupCustomer({ phone: contact.phone }));
        expect(found).toMatchObject({ externalId, fields: { phone: contact.phone } });
      } finally {
        await crm.saveMapping([]);
      }
      const contact = newContact();
      const { externalId } = await create(contact);
      expect((await crm.stored('contact', externalId))?.[standard]).toBe(contact.phone);
    });
  });
}
