// `npm run bench:voice`: can Voice route a ringing call? (1) `contacts.lookupByPhone`'s service against
// 100,000 contacts, next to the raw SQL on the same (org_id, e164) index; the two alternate in the same
// run, so the machine's speed cancels out of the ratio. Target: p99 < 20 ms. (2) Twilio status
// callbacks per second from signature verification (the `twilio` package's validator) to the committed
// call row. Shrink it with VOICE_BENCH_CONTACTS, VOICE_BENCH_LOOKUPS and VOICE_BENCH_CALLBACKS.
import { randomBytes, randomUUID } from 'node:crypto';
import { forOrg } from '@suite/db';
import pg from 'pg';
import twilio from 'twilio';
import { lookupContactsByPhone } from '../../modules/crm/src/contacts/contact-phone.service';
import { applyCallStatus } from '../../modules/voice/src/calls/call.service';
import { timed, withBenchDatabase } from './support/bench-database';
import { percentile } from './support/stats';

const CONTACTS = Number(process.env.VOICE_BENCH_CONTACTS ?? 100_000);
const LOOKUPS = Number(process.env.VOICE_BENCH_LOOKUPS ?? 2_000);
const CALLBACKS = Number(process.env.VOICE_BENCH_CALLBACKS ?? 1_000);
const AUTH_TOKEN = 'TwilioAuthTokenTestValue00000001';
const WEBHOOK_URL = 'https://suite.example.com/tools/webhooks/twilio/bench';
/** Contact n's work number: +44 20 7946 xxxx is not enough room, so a UK 020 3xxx xxxx range. */
const numberOf = (n: number) => `+44203${String(n).padStart(7, '0')}`;

/** CONTACTS contacts over CONTACTS / 5 companies, each with a work number, in three set-wise inserts. */
async function seed(client: pg.Client, orgId: string): Promise<void> {
  await client.query(
    `INSERT INTO crm.company (id, org_id, name, updated_at)
     SELECT gen_random_uuid(), $1, 'Company ' || n, now() FROM generate_series(1, GREATEST($2::int / 5, 1)) n`,
    [orgId, CONTACTS],
  );
  await client.query(
    `WITH companies AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM crm.company WHERE org_id = $1)
     INSERT INTO crm.contact (id, org_id, company_id, name, phone, updated_at)
     SELECT gen_random_uuid(), $1, c.id, 'Contact ' || n, '+44203' || lpad(n::text, 7, '0'), now()
     FROM generate_series(1, $2::int) n JOIN companies c ON c.k = n % GREATEST($2::int / 5, 1)`,
    [orgId, CONTACTS],
  );
  await client.query(
    `INSERT INTO crm.contact_phone (id, org_id, contact_id, kind, e164)
     SELECT gen_random_uuid(), org_id, id, 'work', phone FROM crm.contact WHERE org_id = $1`,
    [orgId],
  );
  await client.query('ANALYZE crm.company; ANALYZE crm.contact; ANALYZE crm.contact_phone');
}

async function main(): Promise<void> {
  await withBenchDatabase('voice', async (db, url) => {
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    try {
      const created = await db.system.organization.create({ data: { slug: 'bench', name: 'Bench MSP' } });
      const org = forOrg(db.app, created.id);
      const seeded = await timed(() => seed(raw, created.id));
      console.log(`seeded ${CONTACTS} contacts in ${(seeded / 1000).toFixed(1)} s`);

      const phone = () => numberOf(1 + Math.floor(Math.random() * CONTACTS));
      const throughCrm = () => org.transaction((tx) => lookupContactsByPhone(tx, { phone: phone() }));
      const rawSql = () =>
        raw.query(
          `SELECT c.id, c.name, co.id AS company_id, co.name AS company_name, cp.kind
         FROM crm.contact_phone cp JOIN crm.contact c ON c.id = cp.contact_id JOIN crm.company co ON co.id = c.company_id
         WHERE cp.org_id = $1 AND cp.e164 = $2 LIMIT 20`,
          [created.id, phone()],
        );
      for (let i = 0; i < Math.min(100, LOOKUPS); i++) {
        await throughCrm();
        await rawSql();
      }
      const samples = { crm: [] as number[], raw: [] as number[] };
      for (let i = 0; i < LOOKUPS; i++) {
        samples.crm.push(await timed(throughCrm));
        samples.raw.push(await timed(rawSql));
      }

      // Twilio signs the URL plus the sorted POST parameters with the auth token (HMAC-SHA1).
      const callbacks = Array.from({ length: CALLBACKS }, (_, n) => {
        const params = {
          CallSid: `CA${randomBytes(16).toString('hex')}`,
          CallStatus: n % 2 ? 'ringing' : 'completed',
          Direction: 'inbound',
          From: numberOf(1 + (n % CONTACTS)),
          To: '+14155550100',
          CallDuration: '42',
        };
        return { params, signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, WEBHOOK_URL, params) };
      });
      const started = process.hrtime.bigint();
      for (const { params, signature } of callbacks) {
        if (!twilio.validateRequest(AUTH_TOKEN, signature, WEBHOOK_URL, params))
          throw new Error('bench: a correctly signed callback failed verification');
        await org.transaction((tx) =>
          applyCallStatus(tx, {
            connectionId: randomUUID(),
            provider: 'twilio',
            callId: params.CallSid,
            status: params.CallStatus === 'ringing' ? 'ringing' : 'completed',
            direction: 'inbound',
            from: params.From,
            to: params.To,
            durationSeconds: params.CallStatus === 'completed' ? 42 : null,
            sequenceNumber: null,
            occurredAt: new Date().toISOString(),
          }),
        );
      }
      const perSecond = CALLBACKS / (Number(process.hrtime.bigint() - started) / 1e9);

      const sorted = (values: number[]) => [...values].sort((x, y) => x - y);
      const [crmP50, crmP99] = [percentile(sorted(samples.crm), 50), percentile(sorted(samples.crm), 99)];
      const [rawP50, rawP99] = [percentile(sorted(samples.raw), 50), percentile(sorted(samples.raw), 99)];
      console.log(`lookups: ${LOOKUPS} each at ${CONTACTS} contacts; callbacks: ${CALLBACKS}`);
      console.log(
        `voice-bench: lookup_p50_ms=${crmP50.toFixed(3)} lookup_p99_ms=${crmP99.toFixed(3)} raw_sql_p50_ms=${rawP50.toFixed(3)} raw_sql_p99_ms=${rawP99.toFixed(3)} ratio_p99=${(crmP99 / rawP99).toFixed(2)} callbacks_per_s=${perSecond.toFixed(0)} target_p99_ms=20 ${crmP99 < 20 ? 'met' : 'missed'}`,
      );
    } finally {
      await raw.end();
    }
  });
}

await main();
