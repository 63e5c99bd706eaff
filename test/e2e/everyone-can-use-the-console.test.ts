// Everyone can use the console, checked in real Chromium: axe-core finds no serious or critical
// WCAG violation (names, roles, contrast…) on the board, a call, history and settings, in both
// themes and both languages; every control is reached with Tab and shows where the focus is; and a
// call asking for a person is announced to screen readers as it happens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../integration/support/live.ts';
import { patient } from '../support/patience.ts';
import { fixture } from '../integration/support/bot.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing } from './support/chromium.ts';
import { askForAPerson, card, placeCall, placeCallOnBoard, startConsole, type ConsoleRig, type PlacedCall } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('everyone can use the console', () => {
  let rig: ConsoleRig;
  let waiting: PlacedCall;
  let talking: PlacedCall;
  let ended: PlacedCall;
  beforeAll(async () => {
    rig = await startConsole();
    // History has a call with its transcript; the board a call with the bot and one asking for a person.
    rig.openai.transcripts.push('Where is my parcel?');
    ended = await placeCallOnBoard(rig, 'Élodie Marchand');
    await ended.media.speak(fixture('short-yes.wav'));
    await until(() => ended.media.speech.length > 3 || undefined, 10_000, 'the bot’s answer');
    await ended.hangUp();
    talking = await placeCall(rig, 'Karim Benali');
    waiting = await placeCall(rig, 'Sarah Cohen');
    await card(rig.page, 'Sarah Cohen').waitFor({ timeout: patient(10_000) });
  }, patient(90_000));
  afterAll(async () => {
    await talking?.hangUp();
    await waiting?.hangUp();
    await rig?.stop();
  });

  it('announces a call asking for a person as it happens', async () => {
    const alert = rig.page.locator('[role="alert"][aria-live="assertive"]');
    await askForAPerson(rig, waiting, 'the caller wants a refund');
    await expect.poll(() => alert.textContent(), { timeout: patient(10_000) }).toBe('Sarah Cohen asks for a person'); // the model's own words stay out of the announcement: they may be in any language
  }, patient(30_000));

  it('reaches every control of the board with Tab, shows where the focus is, and keeps it through a take-over', async () => {
    const page = rig.page;
    await page.evaluate(() => (location.hash = '#/'));
    await card(page, 'Karim Benali').waitFor();
    await page.locator('.brand').click();
    // Tab until the focus comes back to a control it already reached; mark each one on the way.
    const unfocused: string[] = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const step = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element || element === document.body) return 'body';
        if (element.dataset.tabbed) return 'again';
        element.dataset.tabbed = 'yes';
        const style = getComputedStyle(element);
        // A visible focus: the outline (:focus-visible) or a ring (cards).
        return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 ? 'shown' : style.boxShadow !== 'none' ? 'shown' : element.outerHTML.slice(0, 120);
      });
      if (step === 'again') break;
      if (step !== 'shown' && step !== 'body') unfocused.push(step);
    }
    const missed = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]')]
        .filter((element) => element.getClientRects().length > 0 && !element.dataset.tabbed)
        .map((element) => element.outerHTML.slice(0, 120)),
    );
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('[data-tabbed]').forEach((element) => delete element.dataset.tabbed));
    expect(missed).toEqual([]);
    expect(unfocused).toEqual([]);

    // The shortcut list: opened with ?, the focus goes into it, and a button closes it.
    await page.keyboard.press('?');
    const list = page.getByRole('complementary', { name: 'Keyboard shortcuts' });
    await list.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('aside') !== null)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'detached' });

    // Take over from the keyboard: the focus stays on the card's main button, which now says Hand back.
    const karim = card(page, 'Karim Benali');
    await karim.getByRole('button', { name: 'Take over' }).focus();
    await page.keyboard.press('Enter');
    await karim.getByRole('button', { name: 'Hand back' }).waitFor({ timeout: patient(5000) });
    const focused = () => page.evaluate(() => ({ text: document.activeElement?.textContent, card: document.activeElement?.closest('article')?.getAttribute('aria-label') }));
    expect(await focused()).toEqual({ text: 'Hand back', card: expect.stringMatching(/^Karim Benali to /) });
    await page.keyboard.press('Enter');
    await karim.getByRole('button', { name: 'Take over' }).waitFor({ timeout: patient(5000) });
    expect(await focused()).toEqual({ text: 'Take over', card: expect.stringMatching(/^Karim Benali to /) });
  }, patient(30_000));

  const views = [
    ['board', async () => {
      // The board in every state a card takes: listened to, keypad open, held with the microphone,
      // just ended; and the shortcut list open.
      const page = rig.page;
      await page.evaluate(() => (location.hash = '#/'));
      const karim = card(page, 'Karim Benali');
      await karim.waitFor({ timeout: patient(5000) });
      await karim.locator('.actions').getByRole('button', { name: /^(Listen|Écouter)$/ }).click();
      await karim.locator('.actions').getByRole('button', { name: /^(Keypad|Clavier)$/ }).click();
      const sarah = card(page, 'Sarah Cohen');
      await sarah.locator('.actions button').first().click(); // Take over
      await sarah.getByRole('button', { name: /^(Hand back|Rendre la main)$/ }).waitFor({ timeout: patient(5000) });
      const leaving = await placeCallOnBoard(rig, 'Noé Fabre');
      await leaving.hangUp();
      await expect.poll(() => leaving.card.locator('.chip').textContent(), { timeout: patient(5000) }).toMatch(/^(ended|Ended|Terminé)$/);
      await page.locator('.brand').click();
      await page.keyboard.press('?');
    }],
    ['a call', async () => {
      await rig.page.evaluate((id) => (location.hash = `#/calls/${encodeURIComponent(id)}`), talking.id);
      await rig.page.locator('.controls').waitFor({ timeout: patient(5000) });
    }],
    ['an ended call', async () => {
      await rig.page.evaluate((id) => (location.hash = `#/calls/${encodeURIComponent(id)}`), ended.id);
      await rig.page.locator('.transcript .line').first().waitFor({ timeout: patient(5000) });
    }],
    ['history', async () => {
      await rig.page.evaluate(() => (location.hash = '#/history'));
      await rig.page.locator('table.calls tbody tr').first().waitFor({ timeout: patient(5000) });
    }],
    ['settings', async () => {
      await rig.page.evaluate(() => (location.hash = '#/settings'));
      await rig.page.locator('.settings-form').waitFor({ timeout: patient(5000) });
    }],
  ] as const;

  for (const language of ['en', 'fr'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no serious or critical axe violation on the board, a call, history and settings (${language}, ${theme})`, async () => {
        await rig.page.evaluate((chosen) => localStorage.setItem('ringside.language', chosen), language);
        await rig.page.emulateMedia({ colorScheme: theme });
        await rig.page.reload();
        expect(await rig.page.evaluate(() => document.documentElement.lang)).toBe(language);
        const found: Record<string, unknown> = {};
        for (const [name, open] of views) {
          await open();
          const violations = await seriousViolations(rig.page);
          if (violations.length) found[name] = violations;
        }
        expect(found).toEqual({});
      }, patient(60_000));
    }
  }
});
