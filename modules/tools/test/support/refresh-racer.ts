// One of two processes racing to use an OAuth connection whose access token the vendor just expired.
// argv: <database url> <org id>; env: VAULT_KEYS. Says `ready` once connected, calls on a `go` line on
// stdin (so both call at the same moment), and prints the post's result as JSON.
import { once } from 'node:events';
import { connectDatabase, forOrg } from '@suite/db';
import { connectionOf } from '../../src/connections/connection.service';
import { providerById } from '../../src/providers/provider-registry';
import { withCredential } from '../../src/tools/vendor-call.service';
import { configureVault } from '../../src/vault/keyring';

const [url = '', orgId = ''] = process.argv.slice(2);
const meta = providerById('meta');
const post = meta.tools.post_to_social;
if (!post) throw new Error('meta has no post_to_social');
configureVault({ VAULT_KEYS: process.env.VAULT_KEYS });
const db = connectDatabase(url);
await db.app.$connect();
await db.app.$queryRaw`SELECT 1`;
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const result = await forOrg(db.app, orgId).transaction(
  async (tx) => {
    const connection = await connectionOf(tx, 'meta');
    if (!connection) throw new Error('no meta connection');
    const purpose = { actorType: 'job', actorId: `racer-${process.pid}`, purpose: 'post_to_social' } as const;
    return withCredential(tx, connection, meta, purpose, `race-${process.pid}`, (call) =>
      post(call, { text: `from ${process.pid}` }),
    );
  },
  { timeout: 60_000 },
);
process.stdout.write(`${JSON.stringify(result)}\n`);
await db.close();
