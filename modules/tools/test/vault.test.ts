import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OrgScope } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptCredential, storeCredential } from '../src/vault/credential.service';
import { listDecryptAudit } from '../src/vault/decrypt-audit.service';
import {
  DEV_KEY_FILE,
  keyringNotice,
  loadKeyring,
  parseVaultKeys,
  requireKeyring,
  staticKeyring,
  VaultKeyError,
} from '../src/vault/keyring';
import { rotateVault } from '../src/vault/vault-rotation.service';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';

const operator = { actorType: 'operator', actorId: 'user-1', purpose: 'verify', requestId: 'req-1' } as const;
const secret = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'tok-vault-test-0001' };

let fixture: ToolsFixture;
let org: OrgScope;
let otherOrg: OrgScope;
const { keyring } = testKeyring();

beforeAll(async () => {
  fixture = await toolsFixture();
  org = await fixture.createOrg('Acme');
  otherOrg = await fixture.createOrg('Globex');
});
afterAll(() => fixture.close());

const address = (orgId: string, connectionId: string) => ({ orgId, connectionId, kind: 'api_key' as const });

describe('vault encryption', () => {
  it('stores ciphertext only and decrypts it back for the same org and connection', async () => {
    const connectionId = await fixture.createConnection(org, 'twilio');
    await org.transaction((tx) => storeCredential(tx, address(org.orgId, connectionId), secret, keyring));
    const raw = await fixture.database.db.system.toolsCredential.findFirstOrThrow({
      where: { connectionId },
    });
    expect(Buffer.from(raw.ciphertext).toString('latin1')).not.toContain(secret.authToken);
    const plain = await org.transaction((tx) =>
      decryptCredential(tx, address(org.orgId, connectionId), operator, keyring),
    );
    expect(plain).toEqual(secret);
  });

  it('a row copied to another connection or another org fails to decrypt', async () => {
    const source = await fixture.createConnection(org, 'stripe');
    const sameOrgTarget = await fixture.createConnection(org, 'square');
    const otherOrgTarget = await fixture.createConnection(otherOrg, 'stripe');
    await org.transaction((tx) => storeCredential(tx, address(org.orgId, source), secret, keyring));
    const row = await fixture.database.db.system.toolsCredential.findFirstOrThrow({
      where: { connectionId: source },
    });
    const copy = {
      kind: row.kind,
      kekVersion: row.kekVersion,
      wrappedKey: row.wrappedKey,
      ciphertext: row.ciphertext,
    };
    await fixture.database.db.system.toolsCredential.create({
      data: { ...copy, orgId: org.orgId, connectionId: sameOrgTarget },
    });
    await fixture.database.db.system.toolsCredential.create({
      data: { ...copy, orgId: otherOrg.orgId, connectionId: otherOrgTarget },
    });
    await expect(
      org.transaction((tx) => decryptCredential(tx, address(org.orgId, sameOrgTarget), operator, keyring)),
    ).rejects.toThrow(VaultKeyError);
    await expect(
      otherOrg.transaction((tx) =>
        decryptCredential(tx, address(otherOrg.orgId, otherOrgTarget), operator, keyring),
      ),
    ).rejects.toThrow(/does not belong to this org and connection/);
  });

  it('every decrypt has its audit row with actor, purpose, request and trace', async () => {
    const connectionId = await fixture.createConnection(org, 'mailgun');
    await org.transaction((tx) => storeCredential(tx, address(org.orgId, connectionId), secret, keyring));
    const calls = 7;
    for (let call = 0; call < calls; call++)
      await org.transaction((tx) =>
        decryptCredential(
          tx,
          address(org.orgId, connectionId),
          {
            actorType: 'tool',
            actorId: 'workflow-9',
            purpose: 'send_sms',
            requestId: `evt-${call}`,
            traceId: `trace-${call}`,
          },
          keyring,
        ),
      );
    const rows = await org.transaction((tx) => listDecryptAudit(tx, { connectionId }));
    expect(rows).toHaveLength(calls);
    expect(rows.map((row) => row.requestId).sort()).toEqual(
      Array.from({ length: calls }, (_, i) => `evt-${i}`),
    );
    expect(rows[0]).toMatchObject({ actorType: 'tool', actorId: 'workflow-9', purpose: 'send_sms' });
    expect(rows[0]?.traceId).toMatch(/^trace-/);
    // Another org sees none of them.
    expect(await otherOrg.transaction((tx) => listDecryptAudit(tx, { connectionId }))).toEqual([]);
  });

  it('fails closed: when the audit row cannot be written, nothing is decrypted', async () => {
    const connectionId = await fixture.createConnection(org, 'sendgrid');
    await org.transaction((tx) => storeCredential(tx, address(org.orgId, connectionId), secret, keyring));
    const tooLong = { ...operator, actorType: 'robot' as 'tool' };
    await expect(
      org.transaction((tx) => decryptCredential(tx, address(org.orgId, connectionId), tooLong, keyring)),
    ).rejects.toThrow();
    expect(await org.transaction((tx) => listDecryptAudit(tx, { connectionId }))).toEqual([]);
  });
});

describe('vault rotation', () => {
  it('re-wraps every data key under the new KEK, resumes after an interruption, ciphertexts untouched', async () => {
    const old = testKeyring(1);
    const entries = [...old.entries, testKeyring(2).entries[1] as string];
    const rotated = staticKeyring(parseVaultKeys(entries.join(',')));
    const rotOrg = await fixture.createOrg('Rotating');
    const connections: string[] = [];
    for (let n = 0; n < 5; n++) {
      const connectionId = await fixture.createConnection(rotOrg, `vendor-${n}`);
      connections.push(connectionId);
      await rotOrg.transaction((tx) =>
        storeCredential(tx, address(rotOrg.orgId, connectionId), { ...secret, n }, old.keyring),
      );
    }
    const system = fixture.database.db.system;
    const before = await system.toolsCredential.findMany({
      where: { orgId: rotOrg.orgId },
      orderBy: { id: 'asc' },
    });
    // Other tests' rows are under other keyrings; rotate only this org's by giving them the same history.
    await system.toolsCredential.deleteMany({ where: { orgId: { not: rotOrg.orgId } } });

    const stop = new AbortController();
    const first = await rotateVault(fixture.database.db, rotated, {
      batchSize: 2,
      signal: stop.signal,
      onRow: (done) => done === 2 && stop.abort(),
    });
    expect(first).toEqual({ rewrapped: 2, remaining: 3 });
    const resumed = await rotateVault(fixture.database.db, rotated, { batchSize: 2 });
    expect(resumed).toEqual({ rewrapped: 3, remaining: 0 });

    const after = await system.toolsCredential.findMany({
      where: { orgId: rotOrg.orgId },
      orderBy: { id: 'asc' },
    });
    expect(after.map((row) => row.kekVersion)).toEqual([2, 2, 2, 2, 2]);
    after.forEach((row, index) => {
      expect(Buffer.from(row.ciphertext).equals(Buffer.from(before[index]?.ciphertext ?? []))).toBe(true);
      expect(Buffer.from(row.wrappedKey).equals(Buffer.from(before[index]?.wrappedKey ?? []))).toBe(false);
    });
    const onlyNew = staticKeyring(new Map([[2, parseVaultKeys(entries.join(',')).get(2) as Buffer]]));
    for (const [n, connectionId] of connections.entries())
      expect(
        await rotOrg.transaction((tx) =>
          decryptCredential(tx, address(rotOrg.orgId, connectionId), operator, onlyNew),
        ),
      ).toEqual({ ...secret, n });
  });
});

describe('no key, no credentials', () => {
  it('production without VAULT_KEYS refuses to store, naming the variable', async () => {
    const state = loadKeyring({ NODE_ENV: 'production' });
    expect(keyringNotice(state)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('VAULT_KEYS'),
    });
    const connectionId = await fixture.createConnection(org, 'docusign');
    await expect(
      org.transaction((tx) =>
        storeCredential(tx, address(org.orgId, connectionId), secret, requireKeyring(state)),
      ),
    ).rejects.toThrow(/VAULT_KEYS is not set/);
    expect(await fixture.database.db.system.toolsCredential.count({ where: { connectionId } })).toBe(0);
  });

  it('a malformed VAULT_KEYS is refused with what is wrong', () => {
    expect(() => requireKeyring(loadKeyring({ VAULT_KEYS: '1:short', NODE_ENV: 'production' }))).toThrow(
      /VAULT_KEYS: "1:sh…" is not <version>:<base64 of 32 bytes>/,
    );
  });

  it('development generates a key into DATA_DIR once, with a warning', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vault-dev-'));
    const first = loadKeyring({ DATA_DIR: dataDir });
    const key = readFileSync(path.join(dataDir, DEV_KEY_FILE), 'utf8');
    expect(keyringNotice(first).level).toBe('warn');
    loadKeyring({ DATA_DIR: dataDir });
    expect(readFileSync(path.join(dataDir, DEV_KEY_FILE), 'utf8')).toBe(key);
  });
});
