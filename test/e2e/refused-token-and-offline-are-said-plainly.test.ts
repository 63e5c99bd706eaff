// States the console must name for what they are, in real Chromium: a link whose token Ringside
// refuses (HTTP 401) is not "Disconnected… is the engine still running?" forever with demo calls
// on offer, but says the token is not accepted and how to get a fresh link; and offline, the board
// does not promise demo calls and the status bar shows no figures from before the disconnection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine } from '../integration/support/engine.ts';
import { patient } from '../support/patience.ts';
import { chromiumMissing, launchChromium } from './support/chromium.ts';
import { consoleLink } from './support/console-page.ts';
import { ensureWebBuild } from './support/web-build.ts';
import type { Browser } from 'playwright-core';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('states the console names plainly', () => {
  let browser: Browser;
  beforeAll(async () => {
    await ensureWebBuild();
    browser = await launchChromium();
  }, patient(60_000));
  afterAll(() => browser?.close());

  it('says the link’s token is not accepted, and how to get a fresh link, instead of waiting for the engine', async () => {
    const engine = await startEngine();
    const page = await browser.newPage({ locale: 'en-US' });
    try {
      await page.goto(consoleLink(engine, 'a-token-from-an-older-run-0000'));
      await page.getByRole('heading', { name: 'This link’s token is not accepted' }).waitFor({ timeout: patient(5000) });
      expect(await page.getByRole('main').textContent()).toContain('run npm start (or npm run serve) again');
      expect(await page.getByText('Token not accepted', { exact: true }).count()).toBe(1);
      expect(await page.getByRole('alert').filter({ hasText: 'Disconnected' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Start demo calls' }).count()).toBe(0);

      // The right token, pasted: the console opens.
      await page.getByLabel('Console token').fill(engine.consoleToken);
      await page.getByRole('button', { name: 'Open the console' }).click();
      await page.getByText('Connected', { exact: true }).waitFor({ timeout: patient(5000) });
      expect(await page.getByRole('heading', { name: 'This link’s token is not accepted' }).count()).toBe(0);
    } finally {
      await page.close();
      await engine.stop();
    }
  }, patient(30_000));

  it('offline, promises no demo calls and shows no stale figures', async () => {
    const engine = await startEngine();
    await engine.api.setDemo(true);
    const page = await browser.newPage({ locale: 'en-US' });
    try {
      await page.goto(consoleLink(engine));
      await page.locator('article.card').first().waitFor({ timeout: patient(10_000) });
      const status = page.getByRole('contentinfo', { name: 'Status' });
      await expect.poll(() => status.textContent(), { timeout: patient(5000) }).toMatch(/Live \d+/);
      // Stopping hangs up the demo's calls (the page sees them end), then goes away.
      await engine.stop();
      await page.getByRole('alert').filter({ hasText: 'Disconnected from Ringside' }).waitFor({ timeout: patient(5000) });
      // The ended calls leave the board after a few seconds; the board then says what is true.
      await page.getByRole('heading', { name: 'Offline' }).waitFor({ timeout: patient(15_000) });
      expect(await page.getByText('Demo calls are starting…').count()).toBe(0);
      expect(await status.textContent()).toBe('Offline: reconnecting');
      expect(await page.getByRole('navigation', { name: 'Views' }).textContent()).toBe('LiveWallboardHistorySettings');
    } finally {
      await page.close();
    }
  }, patient(40_000));
});
