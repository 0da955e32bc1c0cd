// `npm run bench:mcp`: a CRM query as an AI assistant calls it over MCP (Hub access token, JSON-RPC over
// Streamable HTTP, rate limit and audit row) against the same query through the staff tRPC API
// (session cookie), called alternately against one suite process so the machine's speed cancels out.
// MCP_BENCH_CALLS shrinks the run (default 2000 calls each).
import { crmModule } from '@suite/crm';
import { connectDatabase, forOrg } from '@suite/db';
import { DEV_HUB_SEED } from '@suite/hub-auth';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { discover, hubAccessToken } from '../../suite/test/support/mcp-access';
import { withBenchSuite } from './support/bench-database';
import { percentileOf } from './support/stats';

const CALLS = Number(process.env.MCP_BENCH_CALLS ?? 2000);
const WARMUP = Math.min(200, Math.ceil(CALLS / 10));
const DEALS = 25;
const OWNER = 'olivia@northwind.test';
const QUERY = 'crm_deals_closing_this_month';

async function timed(call: () => Promise<Response>, check: (body: string) => boolean): Promise<number> {
  const started = process.hrtime.bigint();
  const response = await call();
  const body = await response.text();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 200 || !check(body))
    throw new Error(`answered ${response.status}: ${body.slice(0, 500)}`);
  return elapsed;
}

await withBenchSuite('mcp', [crmModule], async (suite, config) => {
  const browser = new StaffBrowser(suite.url);
  await browser.signIn(OWNER);
  const staff = async (procedure: string, input: unknown) => {
    const answer = await browser.postJson(`/crm/trpc/${procedure}`, input);
    if (answer.status !== 200) throw new Error(`${procedure}: ${JSON.stringify(answer.body)}`);
    return (answer.body as { result: { data: { id: string } } }).result.data;
  };
  const month = new Date().toISOString().slice(0, 7);
  const company = await staff('companies.create', { name: 'Bench Anvils' });
  for (let i = 0; i < DEALS; i++)
    await staff('deals.create', {
      companyId: company.id,
      name: `Deal ${i}`,
      value: `${1000 + i}.00`,
      expectedCloseDate: `${month}-${String((i % 28) + 1).padStart(2, '0')}`,
    });
  // The query's own limit stays in force (it is taken on every call); only its size is lifted.
  const orgId = DEV_HUB_SEED.orgs.find((org) => org.slug === 'northwind')?.id ?? '';
  const db = connectDatabase(config.DATABASE_URL ?? '');
  await forOrg(db.app, orgId).transaction((tx) =>
    tx.toolsRateLimit.create({ data: { tool: QUERY, limit: 1_000_000_000, windowSeconds: 60 } }),
  );
  await db.close();
  const token = await hubAccessToken(suite.url, await discover(suite.url), OWNER);

  const input = { limit: 10 };
  const mcp = () =>
    timed(
      () =>
        fetch(`${suite.url}/mcp`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            'mcp-protocol-version': '2025-11-25',
            authorization: `Bearer ${token}`,
          },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'tools/call',
            params: { name: QUERY, arguments: input },
          }),
        }),
      (body) => body.includes('"structuredContent"') && !body.includes('"isError"'),
    );
  const trpcUrl = `/crm/trpc/assistant.closingThisMonth?input=${encodeURIComponent(JSON.stringify(input))}`;
  const trpc = () =>
    timed(
      () => browser.request(trpcUrl),
      (body) => body.includes('"nextCursor"'),
    );
  for (let i = 0; i < WARMUP; i++) {
    await mcp();
    await trpc();
  }
  const samples = { mcp: [] as number[], trpc: [] as number[] };
  for (let i = 0; i < CALLS; i++) {
    samples.mcp.push(await mcp());
    samples.trpc.push(await trpc());
  }
  const figure = (name: 'mcp' | 'trpc', p: number) => percentileOf(samples[name], p);
  console.log(
    `calls: ${CALLS} each, ${DEALS} deals closing this month, pages of ${input.limit}; ` +
      `p99 mcp ${figure('mcp', 99).toFixed(3)} ms, trpc ${figure('trpc', 99).toFixed(3)} ms`,
  );
  console.log(
    `mcp-bench: mcp_p50_ms=${figure('mcp', 50).toFixed(3)} trpc_p50_ms=${figure('trpc', 50).toFixed(3)} ` +
      `mcp_p99_ms=${figure('mcp', 99).toFixed(3)} trpc_p99_ms=${figure('trpc', 99).toFixed(3)} ` +
      `ratio_p50=${(figure('mcp', 50) / figure('trpc', 50)).toFixed(2)} ratio_p99=${(figure('mcp', 99) / figure('trpc', 99)).toFixed(2)}`,
  );
});
