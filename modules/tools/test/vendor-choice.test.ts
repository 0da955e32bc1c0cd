import type { OrgScope } from '@suite/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseVendor } from '../src/connections/connection.service';
import { listConnections, listVendorChoices } from '../src/connections/connection-list.service';
import { runRequestedTool } from '../src/tools/tool-run.service';
import { configureVault } from '../src/vault/keyring';
import {
  KEYS,
  startMailgunStandIn,
  startSendGridStandIn,
  type VendorStandIn,
} from './support/stand-ins/vendor-stand-ins';
import { connect, run } from './support/tool-calls';
import { type ToolsFixture, testKeyring, toolsFixture } from './support/tools-fixture';

let fixture: ToolsFixture;
let sendgrid: VendorStandIn;
let mailgun: VendorStandIn;
let org: OrgScope;
const email = { to: 'client@acme.example', subject: 'Hello', text: 'Body' };

beforeAll(async () => {
  configureVault({ VAULT_KEYS: testKeyring().entries.join(',') });
  [fixture, sendgrid, mailgun] = await Promise.all([
    toolsFixture(),
    startSendGridStandIn(),
    startMailgunStandIn(),
  ]);
  org = await fixture.createOrg();
  await connect(
    org,
    'sendgrid',
    { apiKey: KEYS.sendgrid },
    { from: 'office@acme.example', apiBaseUrl: sendgrid.url },
  );
  await connect(
    org,
    'mailgun',
    { apiKey: KEYS.mailgun },
    { domain: 'mg.acme.example', from: 'office@mg.acme.example', apiBaseUrl: mailgun.url },
  );
});
afterAll(async () => {
  await Promise.all([fixture.close(), sendgrid.close(), mailgun.close()]);
});

describe('the vendor per tool is the org’s choice', () => {
  it('with two email vendors and no choice, the error says to choose', async () => {
    await expect(run(org, 'send_email', email)).rejects.toThrow(
      'send_email: 2 email vendors are connected (sendgrid, mailgun); choose one for this tool',
    );
  });

  it('the chosen vendor runs the tool; changing the choice moves the next call', async () => {
    await org.transaction((tx) => chooseVendor(tx, 'send_email', 'mailgun'));
    expect(await run(org, 'send_email', email)).toMatchObject({ success: true, provider: 'mailgun' });
    await org.transaction((tx) => chooseVendor(tx, 'send_email', 'sendgrid'));
    expect(await run(org, 'send_email', email)).toMatchObject({ success: true, provider: 'sendgrid' });
    expect([mailgun.effects.length, sendgrid.effects.length]).toEqual([1, 1]);
  });

  it('a vendor that does not run the tool cannot be chosen', async () => {
    await expect(org.transaction((tx) => chooseVendor(tx, 'send_email', 'twilio'))).rejects.toThrow(
      'Twilio does not run send_email; expected one of sendgrid, mailgun',
    );
  });
});

describe("a vendor's media is offered like a tool but never run", () => {
  it('Twilio lists recording_media and can be chosen for it; run refuses it as no tool', async () => {
    const twilio = (await org.transaction(listConnections)).find((row) => row.provider === 'twilio');
    expect(twilio?.tools).toEqual(['send_sms', 'place_call', 'delete_recording', 'recording_media']);
    await org.transaction((tx) => chooseVendor(tx, 'recording_media', 'twilio'));
    expect(await org.transaction(listVendorChoices)).toContainEqual({
      tool: 'recording_media',
      provider: 'twilio',
    });
    await expect(
      org.transaction((tx) =>
        runRequestedTool(
          tx,
          {
            tool: 'recording_media',
            input: { recording_id: 'RE1' },
            idempotencyKey: 'media-1',
            background: false,
          },
          { caller: 'voice' },
        ),
      ),
    ).rejects.toThrow(/^unknown tool "recording_media"; expected one of send_sms, /);
  });
});
