import { createHash } from 'node:crypto';
import { launchChromium } from '@suite/console/launch-chromium';
import { crmEsignRequested } from '@suite/contracts';
import { portalModule } from '@suite/portal';
import { vendorSignedPdf } from '@suite/tools/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runModuleJob } from '../../support/module-job';
import { eventually } from '../../support/suite-fixture';
import { type PortalWorld, signedInClient, startPortalWorld } from './portal-support';
import {
  addendumAtVendor,
  connectedVendor,
  deliver,
  JOBS_OFF,
  VENDOR_ESIGN_CASES,
} from './vendor-esign-cases';

const SLUG = 'vendor-documents';
const HOST = `${SLUG}.portal.localhost`;
const EMAIL = 'buyer@vendordocuments.test';
let world: PortalWorld;
let chromium: Browser;

beforeAll(async () => {
  world = await startPortalWorld([crmEsignRequested], JOBS_OFF);
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await world?.close();
});

describe.each(VENDOR_ESIGN_CASES.slice(0, 1))(
  'Documents in Chromium, the addendum signed at $name',
  (vendor) => {
    it('shows it sent via the vendor with nothing to sign here, then signed, linking the vendor’s signed PDF', async () => {
      const { standIn, webhookUrl } = await connectedVendor(world, vendor);
      try {
        const { sent } = await addendumAtVendor(world, vendor, standIn, { slug: SLUG, email: EMAIL });
        const [name = '', value = ''] = (await signedInClient(world, HOST, EMAIL)).split('=');
        const context = await chromium.newContext();
        await context.addCookies([{ name, value, domain: HOST, path: '/' }]);
        const page = await context.newPage();
        const documents = `http://${HOST}:${world.port}/documents`;
        const row = page.getByRole('row', { name: /Contract addendum/ });

        await page.goto(documents);
        await row.getByText(`Sent for signature via ${vendor.name}: sign it from the email`).waitFor();
        expect(await page.locator('a[href^="/sign/"]').count()).toBe(0);
        expect(await page.getByRole('button', { name: /sign/i }).count()).toBe(0);

        const now = Math.floor(Date.now() / 1000);
        expect(await deliver(webhookUrl, await vendor.signedCallback(sent, now))).toBe(200);
        await eventually('the vendor’s signed PDF in', async () =>
          /^1 /.test((await runModuleJob(world.sut, portalModule, 'portal.vendor-signed-files')) ?? ''),
        );
        await page.goto(documents);
        await row.getByText(`Signed via ${vendor.name}`).waitFor();
        const link = row.getByRole('link', { name: /Contract addendum/ });
        const download = await page.evaluate(
          async (href) => {
            const answer = await fetch(href ?? '');
            return { status: answer.status, sha256: answer.headers.get('x-content-sha256') };
          },
          await link.getAttribute('href'),
        );
        const signedPdf = vendorSignedPdf(sent.file, vendor.name, sent.envelopeId);
        expect(download).toEqual({
          status: 200,
          sha256: createHash('sha256').update(signedPdf).digest('hex'),
        });
      } finally {
        await standIn.close();
      }
    });
  },
);
