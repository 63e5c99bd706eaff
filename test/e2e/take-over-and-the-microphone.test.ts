// Taking a call over in real Chromium, with its fake microphone: a call whose bot asked for a
// person has the biggest button, Take over, on the card and in the detail; the chip says who has
// the call before and after; and the microphone is live only while the supervisor holds the call
// and stays with it: its track ends on Hand back, when the call ends, when the supervisor goes to
// another view, and when they close the call's detail.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { patient } from '../support/patience.ts';
import { chromiumMissing } from './support/chromium.ts';
import { askForAPerson, micTracks, placeCallOnBoard, type ConsoleRig, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('take-over and the microphone', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started));

  /** The newest microphone track's state, once the page has opened one more than `before`. */
  const newestTrack = async (before: number) => {
    const tracks = await micTracks(rig.page);
    return tracks.length > before ? tracks.at(-1) : undefined;
  };
  const badge = () => rig.page.locator('.mic-badge');
  const engineMode = async (id: string) => (await rig.engine.api.getCall(id)).call.mode;

  /** The supervisor left the call: its track ended, the badge gone, the bot has the call again. */
  async function expectLeft(track: () => Promise<string | undefined>, callId: string): Promise<void> {
    await expect.poll(track, { timeout: patient(5000) }).toBe('ended');
    expect(await badge().count()).toBe(0);
    await expect.poll(() => engineMode(callId), { timeout: patient(5000) }).toBe('bot');
  }

  /** Presses Take over (on a card or in the detail); resolves once the microphone's track is live. */
  async function takeOverWith(scope: Locator): Promise<() => Promise<string | undefined>> {
    const before = (await micTracks(rig.page)).length;
    await scope.getByRole('button', { name: 'Take over' }).click();
    const track = () => newestTrack(before);
    await expect.poll(track, { timeout: patient(5000) }).toBe('live');
    return track;
  }

  it('gives a call whose bot asked for a person the biggest button, Take over, on the card and in the detail', async () => {
    const call = await placeCallOnBoard(rig, 'Hugo Lefèvre');
    const hugo = call.card;
    try {
      await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.bot?.state, { timeout: patient(5000) }).toBe('listening');
      const botChip = await hugo.locator('.chip').evaluate((chip) => getComputedStyle(chip).backgroundColor);
      await askForAPerson(rig, call);
      await expect.poll(() => hugo.locator('.alert').textContent(), { timeout: patient(10_000) }).toBe('The bot asks for a person: the caller asks for a manager');
      // Not Hand back (the bot just asked for someone): Take over, and bigger than every other button.
      expect(await hugo.getByRole('button', { name: 'Hand back' }).count()).toBe(0);
      const areas = await hugo.getByRole('button').evaluateAll((buttons) => buttons.map((b) => ({ text: b.textContent, area: b.getBoundingClientRect().width * b.getBoundingClientRect().height })));
      const biggest = areas.reduce((a, b) => (b.area > a.area ? b : a));
      expect(biggest.text).toBe('Take over');
      expect(areas.filter((b) => b.area === biggest.area)).toHaveLength(1);
      expect(await hugo.getByRole('button', { name: 'Take over' }).isEnabled()).toBe(true);
      expect(await hugo.locator('.chip').textContent()).toBe('On hold');

      await hugo.getByRole('button', { name: 'Details' }).click();
      await rig.page.getByRole('heading', { name: /Hugo Lefèvre/ }).waitFor();
      const controls = rig.page.getByRole('region', { name: 'Controls' });
      expect(await controls.getByRole('button', { name: 'Hand back to the bot' }).count()).toBe(0);
      await takeOverWith(controls);

      // The chip says it is yours now, and looks different from the bot's.
      const chip = rig.page.locator('.detail-head .chip').first();
      await expect.poll(() => chip.textContent(), { timeout: patient(5000) }).toBe('You');
      expect(await chip.evaluate((c) => getComputedStyle(c).backgroundColor)).not.toBe(botChip);
      await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.needsHuman, { timeout: patient(5000) }).toBeUndefined();
      await controls.getByRole('button', { name: 'Hand back to the bot' }).click();
      await expect.poll(() => chip.textContent(), { timeout: patient(5000) }).toBe('Bot');
    } finally {
      await call.hangUp();
    }
  }, patient(40_000));

  it('says the microphone is live, and ends its track on Hand back', async () => {
    const call = await placeCallOnBoard(rig, 'Inès Moreau');
    try {
      const track = await takeOverWith(call.card);
      await expect.poll(() => badge().textContent(), { timeout: patient(5000) }).toBe('Microphone live: Inès Moreau');
      expect(await call.card.locator('.mic-line').textContent()).toContain('Microphone live');
      await call.card.getByRole('button', { name: 'Hand back' }).click();
      await expect.poll(track, { timeout: patient(5000) }).toBe('ended');
      expect(await badge().count()).toBe(0);
    } finally {
      await call.hangUp();
    }
  }, patient(30_000));

  it('ends the microphone’s track when the call ends', async () => {
    const call = await placeCallOnBoard(rig, 'Jules Bernard');
    const track = await takeOverWith(call.card);
    await call.hangUp();
    await expect.poll(track, { timeout: patient(5000) }).toBe('ended');
    expect(await badge().count()).toBe(0);
  }, patient(30_000));

  it('ends the microphone’s track when the supervisor goes to another view, and gives the call back to the bot', async () => {
    const call = await placeCallOnBoard(rig, 'Léa Petit');
    try {
      const track = await takeOverWith(call.card);
      // Opening the call one holds is staying with it.
      await call.card.getByRole('button', { name: 'Details' }).click();
      await rig.page.getByRole('heading', { name: /Léa Petit/ }).waitFor();
      expect(await track()).toBe('live');
      await rig.page.getByRole('link', { name: 'History' }).first().click();
      await expectLeft(track, call.id);
    } finally {
      await call.hangUp();
    }
  }, patient(30_000));

  it('ends the microphone’s track when the supervisor closes the call’s detail', async () => {
    const call = await placeCallOnBoard(rig, 'Chloé Roux');
    try {
      await call.card.getByRole('button', { name: 'Details' }).click();
      const heading = rig.page.getByRole('heading', { name: /Chloé Roux/ });
      await heading.waitFor();
      const track = await takeOverWith(rig.page.getByRole('region', { name: 'Controls' }));
      await heading.click(); // out of any field: Esc is a shortcut
      await rig.page.keyboard.press('Escape');
      await rig.page.getByRole('region', { name: /Live calls/ }).waitFor();
      await expectLeft(track, call.id);
    } finally {
      await call.hangUp();
    }
  }, patient(30_000));
});
