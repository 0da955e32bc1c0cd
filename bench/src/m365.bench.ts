// `npm run bench:m365`: Microsoft 365 messages synced and matched per second. One mailbox of the Graph
// stand-in (loopback HTTPS, through msal-node and the Graph client) is synced against a CRM seeded with
// contacts and companies; each page is matched by CRM's email.log service in its own transaction. The
// baseline is the stand-in's own serving rate: the same delta pages fetched bare, in the same run.
// Target: ≥ 2,000 messages/s. Sizes: M365_BENCH_MESSAGES, M365_BENCH_CONTACTS, M365_BENCH_COMPANIES.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  applyMigrations,
  connectDatabase,
  dropDatabase,
  ensureDatabase,
  forOrg,
  startEmbeddedPostgres,
} from '@suite/db';
import pg from 'pg';
import { Agent, setGlobalDispatcher } from 'undici';
import { logSyncedEmail } from '../../modules/crm/src/email/email-log.service';
import { connectApiKey } from '../../modules/tools/src/connections/connect.service';
import { syncConnection } from '../../modules/tools/src/email-sync/mailbox-sync';
import { configureVault, newKeyEntry } from '../../modules/tools/src/vault/keyring';
import {
  M365_CLIENT_ID,
  M365_SECRET,
  M365_TENANT,
  STAND_IN_CA,
  startGraphStandIn,
} from '../../modules/tools/test/support/stand-ins/graph.stand-in';

const MESSAGES = Number(process.env.M365_BENCH_MESSAGES ?? 50_000);
const CONTACTS = Number(process.env.M365_BENCH_CONTACTS ?? 100_000);
const COMPANIES = Number(process.env.M365_BENCH_COMPANIES ?? 20_000);
const PAGE = 500;
const MAILBOX = 'bench@msp.example';

/** A third of the mail comes from contacts, a third from company domains, a third matches nothing. */
function sender(n: number): string {
  if (n % 3 === 0) return `contact${n % CONTACTS}@company${n % COMPANIES}.example`;
  if (n % 3 === 1) return `someone${n}@company${n % COMPANIES}.example`;
  return `stranger${n}@gmail.com`;
}

/** A live CRM has statistics; a freshly seeded one gets them now, as the table owner (like the voice bench). */
async function analyze(url: string): Promise<void> {
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query(
      'ANALYZE crm.company; ANALYZE crm.company_domain; ANALYZE crm.contact; ANALYZE crm.contact_email',
    );
  } finally {
    await owner.end();
  }
}

async function standInRate(url: string): Promise<number> {
  const token = (await (
    await fetch(`${url}/${M365_TENANT}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: M365_CLIENT_ID,
        client_secret: M365_SECRET,
        grant_type: 'client_credentials',
      }),
    })
  ).json()) as { access_token: string };
  const headers = {
    authorization: `Bearer ${token.access_token}`,
    prefer: `odata.maxpagesize=${PAGE}, IdType="ImmutableId"`,
  };
  const started = performance.now();
  let next: string | undefined = `${url}/v1.0/users/${MAILBOX}/mailFolders/inbox/messages/delta`;
  let read = 0;
  while (next) {
    const page = (await (await fetch(next, { headers })).json()) as {
      value: unknown[];
      '@odata.nextLink'?: string;
    };
    read += page.value.length;
    next = page['@odata.nextLink'];
  }
  return read / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const pgDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(tmpdir(), 'm365-bench-pg-'));
  const embedded = pgDir
    ? await startEmbeddedPostgres({ dataDir: path.join(pgDir, 'pg'), port: 0 })
    : undefined;
  const serverUrl = process.env.DATABASE_URL ?? embedded?.url ?? '';
  const name = `suite_bench_m365_${randomUUID().slice(0, 8)}`;
  const url = await ensureDatabase(serverUrl, name);
  await applyMigrations(url);
  const db = connectDatabase(url);
  setGlobalDispatcher(new Agent({ connect: { ca: STAND_IN_CA } }));
  const graph = await startGraphStandIn([MAILBOX]);
  try {
    configureVault({ VAULT_KEYS: newKeyEntry(1) });
    const created = await db.system.organization.create({ data: { slug: 'bench', name: 'Bench MSP' } });
    const org = forOrg(db.app, created.id);
    await org.transaction(
      async (tx) => {
        await tx.$executeRaw`INSERT INTO crm.company (id, name, domain, updated_at)
          SELECT gen_random_uuid(), 'Company ' || n, 'company' || n || '.example', now() FROM generate_series(0, ${COMPANIES - 1}) n`;
        await tx.$executeRaw`INSERT INTO crm.contact (id, company_id, name, email, updated_at)
          SELECT gen_random_uuid(), c.id, 'Contact ' || n, 'contact' || n || '@' || c.domain, now()
            FROM generate_series(0, ${CONTACTS - 1}) n
            JOIN crm.company c ON c.domain = 'company' || (n % ${COMPANIES}) || '.example'`;
      },
      { timeout: 600_000 },
    );
    await analyze(url);
    for (let n = 0; n < MESSAGES; n++)
      graph.add(MAILBOX, 'inbox', {
        id: `AAkALgAAAAAAHYQDEapmEc2byACqAC-bench-${n}`,
        conversationId: `conv-${n}`,
        subject: `Message ${n}`,
        bodyPreview: 'Hello',
        from: sender(n),
        to: [MAILBOX],
        sentDateTime: new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
      });
    const baseline = await standInRate(graph.url);
    const operator = { user: { id: 'bench' }, tenant: org };
    const connected = await org.transaction(
      (tx) =>
        connectApiKey(
          tx,
          {
            provider: 'microsoft365',
            credential: { clientSecret: M365_SECRET },
            settings: {
              tenantId: M365_TENANT,
              clientId: M365_CLIENT_ID,
              mailboxes: [{ address: MAILBOX, folders: ['inbox'] }],
              loginBaseUrl: graph.url,
              graphBaseUrl: graph.url,
              pageSize: PAGE,
            },
          },
          operator,
        ),
      { timeout: 60_000 },
    );
    const started = performance.now();
    const totals = await syncConnection(org, connected.connectionId, (page) =>
      org.transaction((tx) => logSyncedEmail(tx, page as Parameters<typeof logSyncedEmail>[1]), {
        timeout: 120_000,
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (totals.seen !== MESSAGES) throw new Error(`synced ${totals.seen} of ${MESSAGES} messages`);
    const rate = totals.seen / seconds;
    const matchMs = ((seconds - totals.seen / baseline) * 1000) / totals.seen;
    console.log(
      `m365-bench: messages=${totals.seen} matched=${totals.matched} contacts=${CONTACTS} companies=${COMPANIES} synced_per_s=${rate.toFixed(0)} standin_per_s=${baseline.toFixed(0)} matching_ms_per_msg=${matchMs.toFixed(3)} ratio=${(rate / baseline).toFixed(2)} target_per_s=2000`,
    );
  } finally {
    await graph.close();
    await db.close();
    await dropDatabase(serverUrl, name);
    await embedded?.stop();
    if (pgDir) rmSync(pgDir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
