import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { OrgScope } from '@suite/db';
import { configureVault } from '@suite/tools';
import {
  connect,
  run,
  startTwilioStandIn,
  type ToolsFixture,
  TWILIO_SID,
  TWILIO_TOKEN,
  type TwilioStandIn,
  testKeyring,
  toolsFixture,
} from '@suite/tools/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `suite vault rotate|audit` and `suite tools runs list|resume|cancel` as an operator runs them: each
// its own process against DATABASE_URL, the vault's keys in VAULT_KEYS.
const BIN = fileURLToPath(new URL('../../../bin/suite.js', import.meta.url));
// Each command is a cold Node process (tsx, Prisma): tens of seconds on a loaded test machine.
const CLI_TIMEOUT = 300_000;
const [first = '', second = ''] = testKeyring(2).entries;
const SMS = { to: '+14155550142', body: 'Your technician is on the way' };

let fixture: ToolsFixture;
let twilio: TwilioStandIn;
let org: OrgScope;
let connectionId: string;

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function suite(vaultKeys: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: {
          ...process.env,
          DATABASE_URL: fixture.database.url,
          MIGRATE_ON_START: 'false',
          LOG_LEVEL: 'warn',
          VAULT_KEYS: vaultKeys,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const ok = (result: CliResult) => {
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};

beforeAll(async () => {
  configureVault({ VAULT_KEYS: first });
  [fixture, twilio] = await Promise.all([toolsFixture(), startTwilioStandIn()]);
  org = await fixture.createOrg();
  const verified = await connect(
    org,
    'twilio',
    { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN },
    { from: '+14155550100', apiBaseUrl: twilio.url },
  );
  connectionId = verified.connectionId;
});
afterAll(async () => {
  await Promise.all([fixture?.close(), twilio?.close()]);
});

describe('suite vault', () => {
  it(
    'audit lists every decrypt of the org, and of one connection',
    async () => {
      expect(await run(org, 'send_sms', SMS, { idempotencyKey: 'cli-audit-1' })).toMatchObject({
        success: true,
      });
      const other = await fixture.createConnection(org, 'mapbox');
      const recorded = await org.transaction((tx) => tx.toolsDecryptAudit.count());
      const [all, filtered] = await Promise.all([
        suite(first, 'vault', 'audit', '--org', org.orgId),
        suite(first, 'vault', 'audit', '--org', org.orgId, '--connection', other),
      ]);
      const lines = ok(all).trim().split('\n');
      expect(lines[0]).toMatch(/^AT\s+CONNECTION\s+ACTOR\s+PURPOSE\s+REQUEST\s+TRACE$/);
      expect(lines).toHaveLength(1 + recorded);
      expect(lines[1]).toMatch(
        new RegExp(`${connectionId}\\s+tool:assistant\\s+send_sms\\s+cli-audit-1\\s+—$`),
      );
      expect(lines.some((line) => /operator:owner-1\s+verify/.test(line))).toBe(true);
      expect(all.stdout).not.toContain(TWILIO_TOKEN);
      expect(ok(filtered).trim()).toBe('no decrypts recorded');
    },
    CLI_TIMEOUT,
  );

  it(
    'rotate re-wraps every data key under the new key; credentials then open with it alone',
    async () => {
      const rotated = ok(await suite(`${first},${second}`, 'vault', 'rotate'));
      expect(rotated.trim()).toMatch(
        /^re-wrapped [1-9]\d* data keys; every credential is under key version 2$/,
      );
      const versions = await fixture.database.db.system.toolsCredential.findMany({
        select: { kekVersion: true },
      });
      expect(versions.every((row) => row.kekVersion === 2)).toBe(true);
      expect(ok(await suite(`${first},${second}`, 'vault', 'rotate')).trim()).toBe(
        're-wrapped 0 data keys; every credential is under key version 2',
      );
      configureVault({ VAULT_KEYS: second });
      expect(await run(org, 'send_sms', SMS)).toMatchObject({ success: true });
    },
    CLI_TIMEOUT,
  );
});

describe('suite tools runs', () => {
  it(
    'lists paused runs, resumes one exactly once, cancels another',
    async () => {
      // Both versions: this test does not depend on the rotation before it.
      const keys = `${first},${second}`;
      configureVault({ VAULT_KEYS: keys });
      twilio.state.authToken = 'RevokedAtTheVendor00000000000000';
      for (const key of ['cli-run-1', 'cli-run-2'])
        expect(
          await run(org, 'send_sms', { ...SMS, body: key }, { background: true, idempotencyKey: key }),
        ).toMatchObject({ error: { code: 'paused' } });
      const listed = ok(await suite(keys, 'tools', 'runs', 'list', '--org', org.orgId))
        .trim()
        .split('\n');
      expect(listed[0]).toMatch(/^RUN\s+TOOL\s+VENDOR\s+STATUS\s+STEP\s+PAUSED AT\s+REASON$/);
      expect(listed).toHaveLength(3);
      const [resumeId = '', cancelId = ''] = listed.slice(1).map((line) => line.split(/\s+/)[0] ?? '');
      expect(listed[1]).toMatch(/send_sms\s+twilio\s+paused\s+call_vendor/);

      twilio.state.authToken = TWILIO_TOKEN;
      const sentBefore = twilio.messages.size;
      expect(ok(await suite(keys, 'tools', 'runs', 'resume', resumeId, '--org', org.orgId)).trim()).toBe(
        `run ${resumeId} resumed and succeeded`,
      );
      const [resumedAgain, cancelled] = await Promise.all([
        suite(keys, 'tools', 'runs', 'resume', resumeId, '--org', org.orgId),
        suite(keys, 'tools', 'runs', 'cancel', cancelId, '--org', org.orgId),
      ]);
      expect(ok(resumedAgain).trim()).toBe(`run ${resumeId} was already resumed or cancelled`);
      expect(ok(cancelled).trim()).toBe(`run ${cancelId} cancelled`);
      expect(twilio.messages.size - sentBefore).toBe(1);

      const [again, paused, everything] = await Promise.all([
        suite(keys, 'tools', 'runs', 'cancel', cancelId, '--org', org.orgId),
        suite(keys, 'tools', 'runs', 'list', '--org', org.orgId),
        suite(keys, 'tools', 'runs', 'list', '--org', org.orgId, '--all'),
      ]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`paused run ${cancelId} is already cancelled`);
      expect(ok(paused).trim()).toBe('no paused runs');
      const all = ok(everything);
      expect(all).toMatch(new RegExp(`${resumeId}\\s+send_sms\\s+twilio\\s+resumed`));
      expect(all).toMatch(new RegExp(`${cancelId}\\s+send_sms\\s+twilio\\s+cancelled`));
      expect(twilio.messages.size - sentBefore).toBe(1);
    },
    CLI_TIMEOUT,
  );
});

describe('suite tools forget', () => {
  it(
    'erases the person by the org’s slug, printing each step; a malformed phone is refused naming the field',
    async () => {
      const { slug } = await fixture.database.db.system.organization.findUniqueOrThrow({
        where: { id: org.orgId },
      });
      await org.transaction(async (tx) => {
        const company = await tx.crmCompany.create({ data: { name: 'Analytical Engines' } });
        await tx.crmContact.create({
          data: { companyId: company.id, name: 'Ada Lovelace', email: 'ada@example.com' },
        });
      });
      const [forgot, refused] = await Promise.all([
        suite(first, 'tools', 'forget', '--org', slug, '--contact', 'Ada@Example.com'),
        suite(first, 'tools', 'forget', '--org', slug, '--contact', '12-nope'),
      ]);
      const lines = ok(forgot).trim().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^forgetting [0-9a-f]{12}… in ${slug}$`));
      expect(lines).toContainEqual(expect.stringMatching(/^ {2}erased\s+module crm: 1 contact$/));
      expect(lines).toContainEqual(expect.stringMatching(/^ {2}nothing\s+module voice: nothing held/));
      expect(lines.slice(-2)).toEqual([
        'done; the audit log has every step',
        'platform.person.erased published',
      ]);
      expect(await org.transaction((tx) => tx.crmContact.count({ where: { name: 'Ada Lovelace' } }))).toBe(0);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        'suite: phone: "12-nope" is not a valid number in US; give the number with its country code',
      );
    },
    CLI_TIMEOUT,
  );
});

describe('suite webhooks', () => {
  it(
    'adds an endpoint (secret once), updates its event types, refuses an unknown one, lists and deletes it',
    async () => {
      const url = 'http://127.0.0.1:9/hooks';
      const added = ok(
        await suite(first, 'webhooks', 'add', '--org', org.orgId, '--url', url, '--events', 'crm.deal.won'),
      );
      const [, endpointId = '', secret = ''] =
        added.match(/^endpoint (\S+) added; its signing secret \(shown once\): (whsec_\S+)$/m) ?? [];
      expect(secret).toMatch(/^whsec_/);
      const updateEvents = (events: string) =>
        suite(first, 'webhooks', 'update', endpointId, '--org', org.orgId, '--events', events);
      const [updated, unknown] = await Promise.all([
        updateEvents('crm.deal.won,tools.sms.received'),
        updateEvents('crm.deal.lost.forever'),
      ]);
      expect(ok(updated).trim()).toBe(
        `endpoint ${endpointId} now sends crm.deal.won,tools.sms.received to ${url}`,
      );
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('eventTypes: crm.deal.lost.forever is not in the event catalog');
      const listed = ok(await suite(first, 'webhooks', 'list', '--org', org.orgId));
      expect(listed).toMatch(
        new RegExp(`${endpointId}\\s+${url}\\s+enabled\\s+crm.deal.won,tools.sms.received`),
      );
      expect(listed).not.toContain(secret);
      expect(ok(await suite(first, 'webhooks', 'delete', endpointId, '--org', org.orgId)).trim()).toBe(
        `endpoint ${endpointId} deleted`,
      );
      expect(ok(await suite(first, 'webhooks', 'list', '--org', org.orgId)).trim()).toBe(
        'no webhook endpoints',
      );
    },
    CLI_TIMEOUT,
  );
});
