// The console in real Chromium speaks the browser's language (French or English), switches in
// Settings and remembers the choice, formats dates and numbers the language's way; and screenshots
// of the board with the built-in demo, light and dark, in English and in French.
import { describe, expect, it } from 'vitest';
import { patient } from '../support/patience.ts';
import { chromiumMissing } from './support/chromium.ts';
import { placeCallOnBoard, screenshot, type ConsoleRig, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('the console in French and English', () => {
  let rig: ConsoleRig;
  // A French browser, no model: what a newcomer in France sees with `npm start`.
  withConsole((started) => (rig = started), { locale: 'fr-FR', models: false });

  it('speaks French in a French browser: views, cards, the status bar, dates', async () => {
    const page = rig.page;
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.getByRole('navigation', { name: 'Vues' }).textContent()).toContain('Historique');
    await page.getByText('Connecté', { exact: true }).waitFor({ timeout: patient(5000) });
    const call = await placeCallOnBoard(rig, 'Camille Dupont');
    const camille = call.card;
    expect(await camille.getByRole('button', { name: 'Prendre la main' }).count()).toBe(1);
    expect(await camille.getByRole('button', { name: 'Écouter' }).count()).toBe(1);
    expect(await camille.textContent()).toContain('Entrant · Ringover');
    await call.hangUp();
    await page.getByRole('link', { name: 'Historique' }).click();
    const row = page.getByRole('row', { name: /Camille Dupont/ });
    await row.waitFor({ timeout: patient(5000) });
    // "23 nov. 2026, 10:05" (day first, French month, 24-hour clock), never "Nov 23, 2026, 10:05 AM".
    const started = (await row.getByRole('link').textContent())!;
    expect(started).toMatch(/^\d{1,2} [a-zéû.]+ \d{4}(,| à) \d{2}:\d{2}$/);
    expect(started).toBe(await page.evaluate((id) => new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(id)), (await rig.engine.api.getCall(call.id)).call.startedAt));
  }, patient(30_000));

  it('switches language in Settings, remembers it, and goes back to the browser’s with “System”', async () => {
    const page = rig.page;
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.getByLabel('Langue de la console').selectOption('en');
    await page.getByRole('heading', { name: 'This console' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await page.getByRole('link', { name: 'History' }).waitFor();
    await page.getByLabel('Console language').selectOption('system');
    await page.getByRole('heading', { name: 'Cette console' }).waitFor();
    expect(await page.getByLabel('Langue de la console').locator('option:checked').textContent()).toBe('Système (Français)');
  }, patient(30_000));

  it('shows the board with the demo, light and dark, in English and French (screenshots)', async () => {
    const page = rig.page;
    await rig.engine.api.setDemo(true);
    // The demo's four calls on the board, the newest a few seconds in (its waveform has something to show).
    const demoCalls = page.locator('article.card').filter({ hasText: /· (Demo|Démo)/ });
    const fourCalls = async () => (await demoCalls.count()) >= 4 && /^0:0[3-9]|^0:[1-9]|^[1-9]/.test((await demoCalls.nth(3).getByLabel(/Duration|Durée/).textContent()) ?? '');
    try {
      await page.evaluate(() => (location.hash = '#/'));
      await expect.poll(fourCalls, { timeout: patient(30_000) }).toBe(true);
      for (const language of ['en', 'fr'] as const) {
        await page.evaluate((chosen) => localStorage.setItem('ringside.language', chosen), language);
        await page.reload();
        await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
        await expect.poll(fourCalls, { timeout: patient(10_000) }).toBe(true);
        // Most cards' waveforms have bars again (the page draws the peaks it received since it opened).
        const drawn = () =>
          page.locator('article.card canvas').evaluateAll(
            (canvases) =>
              canvases.filter((canvas) => {
                const { data, width } = (canvas as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height);
                let painted = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
                return painted > width * 3; // bars, not only the middle line
              }).length,
          );
        await expect.poll(drawn, { timeout: patient(10_000) }).toBeGreaterThanOrEqual(3);
        for (const theme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: theme });
          await screenshot(page, `board-demo-${theme}-${language}`);
        }
      }
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.evaluate(() => localStorage.removeItem('ringside.language'));
      await rig.engine.api.setDemo(false);
    }
  }, patient(60_000));
});
