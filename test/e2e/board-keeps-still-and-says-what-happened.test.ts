// The board in real Chromium says what happened and stays put while the supervisor works on it:
// a transfer's "Transferring to…" gives way to how the call ended; the keypad's note names every
// key sent ("Keys 5* sent"); cards do not jump under the mouse after a take-over; Esc closes the
// shortcut list, as the list itself says.
import { describe, expect, it } from 'vitest';
import { until } from '../integration/support/live.ts';
import { patient } from '../support/patience.ts';
import { chromiumMissing } from './support/chromium.ts';
import { card, placeCallOnBoard, type ConsoleRig, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('the board', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started));

  /** The names on the cards, in board order, of the calls a test placed (others may still linger). */
  const cardNames = async (...names: string[]) => (await rig.page.locator('article.card .caller').allTextContents()).filter((name) => names.includes(name));

  it('says how a transferred call ended, not that it is still transferring', async () => {
    const call = await placeCallOnBoard(rig, 'Manon Girard');
    try {
      const manon = call.card;
      await manon.getByRole('button', { name: 'Transfer' }).click();
      await manon.getByLabel('Transfer to').fill('+33 1 23 45 67 89');
      await manon.getByLabel('Transfer to').press('Enter');
      expect(await call.media.ended).toBe('transferred');
      await rig.webhooks.send('hangup', call.data);
      await expect.poll(() => manon.getByRole('status').textContent(), { timeout: patient(5000) }).toBe('Transferred to +33123456789');
      expect(await manon.textContent()).not.toContain('Transferring');
    } finally {
      await call.hangUp();
    }
  }, patient(30_000));

  it('names every key sent in a row, not only the last one', async () => {
    const call = await placeCallOnBoard(rig, 'Paul Fontaine');
    try {
      const paul = call.card;
      await paul.getByRole('button', { name: 'Keypad' }).click();
      await paul.getByRole('button', { name: 'Key 5' }).click();
      await rig.page.keyboard.press('*');
      await until(() => call.media.digits.length === 2 || undefined, 5000, 'both keys on the wire');
      expect(call.media.digits).toEqual(['5', '*']);
      await expect.poll(() => paul.locator('p.feedback').textContent(), { timeout: patient(5000) }).toBe('Keys 5* sent');
    } finally {
      await call.hangUp();
    }
  }, patient(30_000));

  it('keeps every card in its place under the mouse after a take-over, and sorts again once the mouse leaves', async () => {
    const first = await placeCallOnBoard(rig, 'Alice Aubert');
    const second = await placeCallOnBoard(rig, 'Bruno Blanc');
    try {
      const bruno = second.card;
      const names = () => cardNames('Alice Aubert', 'Bruno Blanc');
      await expect.poll(names).toEqual(['Alice Aubert', 'Bruno Blanc']);
      const place = async () => {
        const box = (await bruno.boundingBox())!;
        return { x: box.x, y: box.y };
      };
      const where = await place();
      await bruno.getByRole('button', { name: 'Take over' }).click();
      // The page knows the call is taken (its card offers Hand back).
      await bruno.getByRole('button', { name: 'Hand back' }).waitFor({ timeout: patient(5000) });
      // Held calls come first on the board, but not while the supervisor is working on it.
      expect(await names()).toEqual(['Alice Aubert', 'Bruno Blanc']);
      expect(await place()).toEqual(where);
      // The mouse leaves the board and the focus goes elsewhere: the board sorts again.
      await rig.page.mouse.move(0, 0);
      await rig.page.locator('.brand').click();
      await expect.poll(names, { timeout: patient(5000) }).toEqual(['Bruno Blanc', 'Alice Aubert']);
      await card(rig.page, 'Bruno Blanc').getByRole('button', { name: 'Hand back' }).click();
    } finally {
      await first.hangUp();
      await second.hangUp();
    }
  }, patient(30_000));

  it('closes the shortcut list with Esc, as the list says', async () => {
    await rig.page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const list = rig.page.getByRole('complementary', { name: 'Keyboard shortcuts' });
    await list.waitFor();
    expect(await list.textContent()).toContain('EscClose, or back to the board');
    await rig.page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached', timeout: patient(2000) });
    await rig.page.keyboard.press('?');
    await list.waitFor();
    await list.getByRole('button', { name: 'Close' }).click();
    await list.waitFor({ state: 'detached', timeout: patient(2000) });
  }, patient(20_000));
});
