// The console in real Chromium with no AI model configured: a streamed call is said to be heard
// only (never "HUMAN" because the provider's agent field names the bot's line), and the Say box,
// which needs a speech model, says so without being squeezed or its placeholder cut.
import { describe, expect, it } from 'vitest';
import { patient } from '../support/patience.ts';
import { chromiumMissing } from './support/chromium.ts';
import { placeCallOnBoard, type ConsoleRig, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('the console without a model', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started), { models: false });

  it('says nobody answers a streamed call the bot’s line took, not that a person has it', async () => {
    const call = await placeCallOnBoard(rig, 'Rose Garnier', '+33655443322', { agent: { firstname: 'Ringside', lastname: 'Bot', email: 'bot@ringside.example' } });
    try {
      const rose = call.card;
      await expect.poll(() => rose.locator('.chip').textContent(), { timeout: patient(5000) }).toBe('Monitor only');
      await rose.getByRole('button', { name: 'Take over' }).click();
      await expect.poll(() => rose.locator('.chip').textContent(), { timeout: patient(5000) }).toBe('You');
      await rose.getByRole('button', { name: 'Hand back' }).click();
      await expect.poll(() => rose.locator('.chip').textContent(), { timeout: patient(5000) }).toBe('Monitor only');
    } finally {
      await call.hangUp();
    }
  }, patient(30_000));

  it('keeps the Say box full width with its whole placeholder, and says it needs a speech model', async () => {
    const call = await placeCallOnBoard(rig, 'Victor Chevalier');
    try {
      await call.card.getByRole('button', { name: 'Details' }).click();
      const say = rig.page.getByLabel('Say, in the bot’s voice');
      await say.waitFor();
      expect(await say.isDisabled()).toBe(true);
      expect(await rig.page.getByText('Needs a text-to-speech model: set one in Settings → AI models.').isVisible()).toBe(true);
      const fit = await say.evaluate((box: HTMLTextAreaElement) => {
        const form = box.form!;
        const style = getComputedStyle(box);
        const inner = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = style.font;
        return { share: box.clientWidth / form.clientWidth, lines: context.measureText(box.placeholder).width / inner, rows: box.rows };
      });
      expect(fit.share).toBeGreaterThan(0.6);
      expect(fit.lines).toBeLessThan(fit.rows);
    } finally {
      await call.hangUp();
    }
  }, patient(30_000));
});
