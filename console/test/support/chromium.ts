import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

export { launchChromium } from '../../scripts/launch-chromium';

/** Git-ignored: every page's screenshot from the last run. */
export const ARTIFACTS = resolve(import.meta.dirname, '../../../.artifacts/console');
mkdirSync(ARTIFACTS, { recursive: true });

/** Opens `path` signed out, picks the seeded user on the dev Hub's page and lands back on `path`. */
export async function signIn(
  browser: Browser,
  suiteUrl: string,
  userName: string,
  path: string,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    timezoneId: 'Europe/Berlin',
  });
  const page = await context.newPage();
  await page.goto(`${suiteUrl}${path}`);
  await page.getByRole('button', { name: userName, exact: true }).click();
  await page.waitForURL(`${suiteUrl}${path}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}

/** Once loaded, axe-core in the page: no serious or critical violation; and a screenshot as a test artefact. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(serious, `accessibility of ${name}`).toEqual([]);
}
