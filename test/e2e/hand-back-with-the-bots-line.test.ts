// In real Chromium: beside Hand back, a box makes the bot say its short hand-back line. Ticked, a
// hand back by the `h` shortcut sends `{"type":"handback","line":true}`, and the bot's line reaches
// speech and the call's transcript; the choice is remembered for this supervisor across a reload;
// unticked, Hand back sends a plain hand back. Axe-clean, in English and French.
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { patient } from '../support/patience.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing } from './support/chromium.ts';
import { card, placeCallOnBoard, type ConsoleRig, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

const HAND_BACK_LINE = 'Thank you for your patience, I am back with you.';

describe.skipIf(missing)('hand back with the bot’s line', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started));

  it('sends line:true when the box is ticked, the bot says its line, and the choice is remembered', async () => {
    const page = rig.page;
    // Every command the page sends, as the engine receives it.
    const commands: unknown[] = [];
    const record = (request: Request) => {
      if (request.method() === 'POST' && /\/api\/calls\/[^/]+\/commands$/.test(new URL(request.url()).pathname)) commands.push(request.postDataJSON());
    };
    page.on('request', record);
    const call = await placeCallOnBoard(rig, 'Lina Retour');
    try {
      await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.bot?.state, { timeout: patient(10_000) }).toBe('listening');
      // While the bot has the call, there is nothing to hand back: no box.
      const box = () => call.card.getByRole('checkbox', { name: 'Bot says its hand-back line' });
      expect(await box().count()).toBe(0);

      await call.card.getByRole('button', { name: 'Take over' }).click();
      await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.mode, { timeout: patient(5000) }).toBe('human');
      await box().waitFor({ timeout: patient(5000) });
      expect(await box().isChecked()).toBe(false);
      await box().check();
      expect(await seriousViolations(page)).toEqual([]);

      // The `h` shortcut on the focused card hands back with the line.
      await call.card.focus();
      await page.keyboard.press('h');
      await expect.poll(() => commands.at(-1), { timeout: patient(5000) }).toEqual({ type: 'handback', line: true });
      await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.mode, { timeout: patient(5000) }).toBe('bot');
      await expect.poll(() => rig.openai.made('/v1/audio/speech').filter((r) => r.body.input === HAND_BACK_LINE).length, { timeout: patient(10_000) }).toBe(1);
      await expect.poll(() => call.card.locator('.transcript .line.bot').last().textContent(), { timeout: patient(15_000) }).toContain(HAND_BACK_LINE);
      await expect.poll(() => call.card.locator('.feedback, [role=status]').allTextContents(), { timeout: patient(5000) }).toContain('Handed back: the bot says its hand-back line');

      // Remembered for this supervisor: ticked again after a reload, and in French too.
      await page.reload();
      const again = card(page, 'Lina Retour');
      await again.getByRole('button', { name: 'Take over' }).click();
      await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.mode, { timeout: patient(5000) }).toBe('human');
      const remembered = again.getByRole('checkbox', { name: 'Bot says its hand-back line' });
      await remembered.waitFor({ timeout: patient(5000) });
      expect(await remembered.isChecked()).toBe(true);
      expect(await page.evaluate(() => localStorage.getItem('ringside.handBackLine.local'))).toBe('on');

      // (Reloading leaves the held call: the page hands it back to the bot, so take it over again.)
      await page.evaluate(() => localStorage.setItem('ringside.language', 'fr'));
      await page.reload();
      const enFrancais = card(page, 'Lina Retour');
      await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.mode, { timeout: patient(5000) }).toBe('bot');
      await enFrancais.getByRole('button', { name: 'Prendre la main' }).click();
      await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.mode, { timeout: patient(5000) }).toBe('human');
      const caseFr = enFrancais.getByRole('checkbox', { name: 'Le bot dit sa phrase de reprise' });
      await caseFr.waitFor({ timeout: patient(10_000) });
      expect(await caseFr.isChecked()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);

      // Unticked: a plain hand back.
      await caseFr.uncheck();
      await enFrancais.getByRole('button', { name: 'Rendre la main' }).first().click();
      await expect.poll(() => commands.at(-1), { timeout: patient(5000) }).toEqual({ type: 'handback' });
      await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.mode, { timeout: patient(5000) }).toBe('bot');
      expect(await page.evaluate(() => localStorage.getItem('ringside.handBackLine.local'))).toBe('off');
    } finally {
      page.off('request', record);
      await page.evaluate(() => localStorage.setItem('ringside.language', 'en'));
      await page.reload();
      await call.hangUp();
    }
  }, patient(90_000));
});
