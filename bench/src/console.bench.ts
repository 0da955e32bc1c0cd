// `npm run bench:console`: how long the console's company page takes to become usable, against a
// static page served by the same suite process, both loaded alternately in the same Chromium run.
import { firstLoadSize } from '@suite/console/first-load-size';
import { launchChromium } from '@suite/console/launch-chromium';
import { StaffBrowser } from '@suite/hub-auth/testing';
import type { Page } from 'playwright-core';
import { withBenchSuite } from './support/bench-database';

const WARMUP = 3;
const ROUNDS = 21;

const median = (samples: number[]) =>
  [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? NaN;

/** Navigation start to the moment `ready` is visible, from the browser's own clock. */
async function timeToInteractive(page: Page, url: string, ready: () => Promise<void>): Promise<number> {
  await page.goto(url);
  await ready();
  return page.evaluate(() => performance.now());
}

await withBenchSuite('console', undefined, async (suite) => {
  const browser = await launchChromium();
  try {
    const api = new StaffBrowser(suite.url);
    await api.signIn('adam@northwind.test');
    const made = await api.postJson('/crm/trpc/companies.create', { name: 'Bench Co', domain: 'bench.test' });
    const companyId = (made.body as { result: { data: { id: string } } }).result.data.id;

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${suite.url}/crm/companies`);
    await page.getByRole('button', { name: 'Adam Admin', exact: true }).click();
    await page.waitForURL(`${suite.url}/crm/companies`);

    const company = () =>
      timeToInteractive(page, `${suite.url}/crm/companies/${companyId}`, () =>
        page.getByText('No activity yet.').waitFor(),
      );
    const staticPage = () =>
      timeToInteractive(page, `${suite.url}/auth/signed-out`, () =>
        page.getByRole('link', { name: 'Sign in again' }).waitFor(),
      );
    const companyTimes: number[] = [];
    const staticTimes: number[] = [];
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const [c, s] = [await company(), await staticPage()];
      if (round >= WARMUP) {
        companyTimes.push(c);
        staticTimes.push(s);
      }
    }
    const companyP50 = median(companyTimes);
    const staticP50 = median(staticTimes);
    const kb = (firstLoadSize().javascript / 1024).toFixed(1);
    console.log(`company page p50 ${companyP50.toFixed(1)} ms, static page p50 ${staticP50.toFixed(1)} ms`);
    console.log(
      `console-bench: company_p50_ms=${companyP50.toFixed(1)} static_p50_ms=${staticP50.toFixed(1)} ratio=${(companyP50 / staticP50).toFixed(2)} first_load_js_gzip_kb=${kb}`,
    );
  } finally {
    await browser.close();
  }
});
