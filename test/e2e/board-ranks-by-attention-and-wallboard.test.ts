// In real Chromium: the board puts the call that needs a supervisor first and says why in words
// (the caller's reasons apart from the bot's), and the Wallboard shows today's figures and per-hour
// charts; both axe-clean, in English and in French.
import { describe, expect, it } from 'vitest';
import type { Speaker } from '../../shared/call.ts';
import { patient } from '../support/patience.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing } from './support/chromium.ts';
import { placeCallOnBoard, type ConsoleRig, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('attention on the board, and the wallboard', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started), { models: false });

  const say = (callId: string, speaker: Speaker, text: string) =>
    rig.engine.calls.timeline.record(callId, { type: 'utterance', providerEvent: `transcript.${speaker}`, detail: { utterance: { id: `${callId}-${text.length}-${speaker}`, speaker, text, final: true, startMs: 0 } } });

  it('puts the angry caller who repeats herself first, with her reasons in words', async () => {
    const page = rig.page;
    const calm = await placeCallOnBoard(rig, 'Carl Calme');
    const angry = await placeCallOnBoard(rig, 'Anna Angry', '+33699999999');
    await say(calm.id, 'caller', 'When does my parcel arrive?');
    await say(angry.id, 'caller', 'I want to cancel my order 4512.');
    await say(angry.id, 'caller', 'This is ridiculous, I said I want to cancel my order 4512!');
    const first = page.locator('article.card').first();
    await expect.poll(async () => first.getAttribute('aria-label'), { timeout: patient(10_000) }).toMatch(/^Anna Angry to /);
    const reasons = angry.card.getByRole('list', { name: 'Why it needs attention' });
    await expect.poll(async () => reasons.textContent(), { timeout: patient(5000) }).toMatch(/caller frustrated \(ridiculous\)/);
    expect(await reasons.textContent()).toMatch(/caller asked the same thing 2×/);
    expect(await angry.card.getByText(/^Attention \d+$/).count()).toBe(1);
    expect(await calm.card.locator('.attention').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.evaluate(() => localStorage.setItem('ringside.language', 'fr'));
    await page.reload();
    const reasonsFr = page.getByRole('list', { name: 'Pourquoi il demande de l’attention' });
    await expect.poll(async () => reasonsFr.textContent(), { timeout: patient(10_000) }).toMatch(/appelant agacé \(ridiculous\)/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => localStorage.setItem('ringside.language', 'en'));
    await page.reload();
    await calm.hangUp();
    await angry.hangUp();
  }, patient(60_000));

  it('shows today’s figures and per-hour charts on the Wallboard, axe-clean, in English and French', async () => {
    const page = rig.page;
    await page.getByRole('link', { name: 'Wallboard' }).click();
    const board = page.getByRole('region', { name: 'Wallboard: today’s figures' });
    await board.getByRole('heading', { name: 'Today' }).waitFor({ timeout: patient(10_000) });
    const stats = await rig.engine.api.stats({});
    // The figures the page shows are the API's (the two calls of the test before, ended).
    await expect.poll(async () => board.locator('.tile', { hasText: /^Calls/ }).locator('.value').textContent(), { timeout: patient(10_000) }).toBe(String(stats.calls));
    expect(stats.calls).toBeGreaterThanOrEqual(2);
    expect(await board.getByRole('img', { name: /^Calls per hour: / }).count()).toBe(1);
    expect(await board.locator('canvas').count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);
    await board.getByRole('button', { name: 'Full screen' }).click();
    await board.getByRole('button', { name: 'Leave full screen', pressed: true }).click();

    await page.evaluate(() => localStorage.setItem('ringside.language', 'fr'));
    await page.reload();
    const mural = page.getByRole('region', { name: 'Tableau mural : les chiffres du jour' });
    await mural.getByRole('heading', { name: 'Aujourd’hui' }).waitFor({ timeout: patient(10_000) });
    expect(await mural.getByRole('img', { name: /^Appels par heure : / }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => localStorage.setItem('ringside.language', 'en'));
  }, patient(60_000));
});
