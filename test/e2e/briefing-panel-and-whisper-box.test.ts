// In real Chromium: Take over opens the held call's briefing (the order number the caller said,
// what they want, their mood) with the whisper box; a whisper reaches the bot and shows in the
// transcript as a note with who sent it; the call detail has the briefing at its top. Axe-clean, in
// English and in French.
import { describe, expect, it } from 'vitest';
import type { Speaker } from '../../shared/call.ts';
import { patient } from '../support/patience.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing } from './support/chromium.ts';
import { placeCallOnBoard, type ConsoleRig, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('the briefing panel and the whisper box', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started));

  let next = 0;
  const say = (callId: string, speaker: Speaker, text: string) =>
    rig.engine.calls.timeline.record(callId, { type: 'utterance', providerEvent: `transcript.${speaker}`, detail: { utterance: { id: `${callId}-${++next}`, speaker, text, final: true, startMs: 0 } } });

  it('opens the briefing with Take over, whispers to the bot, and shows both in the call detail', async () => {
    const page = rig.page;
    rig.openai.understand = () => ({ text: JSON.stringify({ wants: 'Find out where order 4512 is', mood: 'annoyed', frustrated: false, asks_for_person: false, open_question: 'When will it arrive?' }) });
    const call = await placeCallOnBoard(rig, 'Olga Order');
    await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.bot?.state, { timeout: patient(10_000) }).toBe('listening');
    await say(call.id, 'caller', 'Hello, my order number is 4512 and it is late.');
    await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.briefing?.wants, { timeout: patient(10_000) }).toBe('Find out where order 4512 is');
    // The open question is the bot's last one, until the caller answers it.
    await say(call.id, 'bot', 'Could you confirm the postcode on the order?');
    await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.briefing?.openQuestion, { timeout: patient(10_000) }).toBe('Could you confirm the postcode on the order?');

    await call.card.getByRole('button', { name: 'Take over' }).click();
    const dock = page.getByRole('complementary', { name: 'Briefing: Olga Order' });
    await dock.waitFor({ timeout: patient(5000) });
    await expect.poll(async () => dock.textContent(), { timeout: patient(5000) }).toMatch(/Order\s*4512/);
    expect(await dock.textContent()).toMatch(/Find out where order 4512 is/);
    expect(await dock.textContent()).toMatch(/annoyed/);
    expect(await dock.textContent()).toMatch(/Could you confirm the postcode on the order\?/);
    expect(await seriousViolations(page)).toEqual([]);

    await dock.getByRole('textbox', { name: 'Whisper to the bot' }).fill('Offer a callback tomorrow morning.');
    await dock.getByRole('button', { name: 'Whisper' }).click();
    await expect
      .poll(async () => (await rig.engine.api.getCall(call.id)).events.some((e) => e.type === 'utterance' && (e.detail?.utterance as { note?: unknown }).note), { timeout: patient(5000) })
      .toBe(true);
    expect(await dock.getByRole('textbox', { name: 'Whisper to the bot' }).inputValue()).toBe('');
    // Never spoken: no speech request carried it.
    expect(rig.openai.made('/v1/audio/speech').some((r) => String(r.body.input).includes('callback'))).toBe(false);

    // The call's detail: the briefing first, the whisper in the transcript as a note with who sent it.
    await page.evaluate((id) => (location.hash = `#/calls/${encodeURIComponent(id)}`), call.id);
    const briefing = page.getByRole('region', { name: 'Briefing' });
    await expect.poll(async () => briefing.textContent(), { timeout: patient(10_000) }).toMatch(/Order\s*4512/);
    const note = page.locator('.transcript .line.note');
    await expect.poll(async () => note.textContent(), { timeout: patient(5000) }).toMatch(/Whisper from .+Offer a callback tomorrow morning\./);
    expect(await page.getByRole('textbox', { name: 'Whisper to the bot' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.evaluate(() => localStorage.setItem('ringside.language', 'fr'));
    await page.reload();
    const synthese = page.getByRole('region', { name: 'Synthèse' });
    await expect.poll(async () => synthese.textContent(), { timeout: patient(10_000) }).toMatch(/Commande\s*4512/);
    expect(await synthese.textContent()).toMatch(/agacé/);
    expect(await page.getByRole('textbox', { name: 'Souffler au bot' }).count()).toBe(1);
    await expect.poll(async () => page.locator('.transcript .line.note').textContent(), { timeout: patient(5000) }).toMatch(/Consigne de /);
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => localStorage.setItem('ringside.language', 'en'));
    await page.reload();
    await call.hangUp();
  }, patient(90_000));
});
