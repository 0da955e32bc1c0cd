// One of several processes calling geocode_address for one org, one call after another.
// argv: <database url> <org id> <calls> [background]; env: VAULT_KEYS. A background caller (a bus
// handler, a job) waits a used-up window out instead of answering rate_limited. Says `ready`, starts on a `go` line on stdin,
// prints how many calls succeeded and how many were refused by the rate limit, as JSON.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connectDatabase, forOrg } from '@suite/db';
import { runTool } from '../../src/tools/tool-runner.service';
import { configureVault } from '../../src/vault/keyring';

const [url = '', orgId = '', calls = '0', mode = ''] = process.argv.slice(2);
configureVault({ VAULT_KEYS: process.env.VAULT_KEYS });
const db = connectDatabase(url);
await db.app.$queryRaw`SELECT 1`;
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const org = forOrg(db.app, orgId);
// One call after another within a process; the two processes contend with each other.
const results = [];
for (let call = 0; call < Number(calls); call++)
  results.push(
    await org.transaction(
      (tx) =>
        runTool(tx, {
          tool: 'geocode_address',
          input: { address: '1 Main St, Springfield' },
          idempotencyKey: randomUUID(),
          actor: { type: 'job', id: `rate-racer-${process.pid}` },
          background: mode === 'background',
        }),
      { timeout: 60_000 },
    ),
  );
const succeeded = results.filter((result) => result.success).length;
const limited = results.filter((result) => !result.success && result.error.code === 'rate_limited').length;
process.stdout.write(`${JSON.stringify({ succeeded, limited })}\n`);
await db.close();
