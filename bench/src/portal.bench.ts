// `npm run bench:portal`: p50 time to a portal page's HTML with its branding applied, against a static
// file served by the same suite process, requests alternating in the same run. PORTAL_BENCH_ROUNDS
// shrinks the run (the default is what the figures are measured with).
import { request } from 'node:http';
import path from 'node:path';
import { firstLoadSize } from '@suite/console/first-load-size';
import { StaffBrowser } from '@suite/hub-auth/testing';
import { withBenchSuite } from './support/bench-database';

const WARMUP = 20;
const ROUNDS = Number(process.env.PORTAL_BENCH_ROUNDS ?? 500);
const PORTAL_DIST = path.resolve(import.meta.dirname, '../../portal/dist');

const median = (samples: number[]) =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? NaN;

/** Milliseconds until the whole body has arrived, with `host` in the Host header. */
function timed(url: string, host: string, expect: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(new URL(url), { headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        res.statusCode === 200 && body.includes(expect)
          ? resolve(performance.now() - started)
          : reject(new Error(`${host}${new URL(url).pathname}: ${res.statusCode} without ${expect}`)),
      );
    })
      .on('error', reject)
      .end();
  });
}

await withBenchSuite('portal', undefined, async (suite) => {
  const staff = new StaffBrowser(suite.url);
  await staff.signIn('adam@northwind.test');
  const made = await staff.postJson('/portal/trpc/portals.create', {
    slug: 'bench',
    name: 'Bench MSP',
    branding: { primaryColor: '#123456' },
  });
  if (made.status !== 200) throw new Error(`portal not created: ${JSON.stringify(made.body)}`);
  const { port } = new URL(suite.url);
  const portalPage = () =>
    timed(`${suite.url}/`, `bench.portal.localhost:${port}`, '--brand-primary:#123456');
  const staticFile = () => timed(`${suite.url}/console/index.html`, `localhost:${port}`, '<div id="root">');

  const portalTimes: number[] = [];
  const staticTimes: number[] = [];
  for (let round = 0; round < WARMUP + ROUNDS; round++) {
    const [p, s] = [await portalPage(), await staticFile()];
    if (round >= WARMUP) {
      portalTimes.push(p);
      staticTimes.push(s);
    }
  }
  const portalP50 = median(portalTimes);
  const staticP50 = median(staticTimes);
  const kb = (firstLoadSize(PORTAL_DIST, '/').javascript / 1024).toFixed(1);
  console.log(
    `portal page p50 ${portalP50.toFixed(2)} ms, static file p50 ${staticP50.toFixed(2)} ms (${ROUNDS} rounds)`,
  );
  console.log(
    `portal-bench: page_p50_ms=${portalP50.toFixed(2)} static_p50_ms=${staticP50.toFixed(2)} ratio=${(portalP50 / staticP50).toFixed(2)} first_load_js_gzip_kb=${kb}`,
  );
});
