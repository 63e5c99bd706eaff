// In real Chromium, a caller reads out a card number to the bot: the call's page shows
// `[card number]` and never the digits, the recording is paused by Ringside and the timeline says
// so, a supervisor resumes it with one button, puts the ended call on legal hold; the privacy page
// finds the caller's calls by number and keeps the held one on erasure. axe finds nothing serious.
import { describe, expect, it } from 'vitest';
import { fixture } from '../integration/support/bot.ts';
import { patient } from '../support/patience.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing } from './support/chromium.ts';
import { type ConsoleRig, placeCallOnBoard, screenshot, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

const CARD = '4532 0151 1283 0366';

describe.skipIf(missing)('a card number in a transcript', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started));

  it('is shown as [card number]; the recording pause, the legal hold and the privacy page work from the console', async () => {
    const page = rig.page;
    const call = await placeCallOnBoard(rig, 'Nadia Card', '+33611223344');
    await page.evaluate((hash) => (location.hash = hash), `#/calls/${encodeURIComponent(call.id)}`);
    await page.getByRole('heading', { level: 1, name: /Nadia Card/ }).waitFor({ timeout: patient(5000) });

    rig.openai.transcripts.push(`Sure, my card number is ${CARD}.`);
    rig.openai.replies.push({ text: 'Thank you.' });
    await call.media.speak(fixture('short-yes.wav'));
    const transcript = page.getByRole('region', { name: 'Transcript' });
    await transcript.getByText('Sure, my card number is [card number].').waitFor({ timeout: patient(10_000) });
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('Recording paused by Ringside (a card number in the transcript)').waitFor({ timeout: patient(5000) });
    const privacy = page.getByRole('region', { name: 'Privacy' });
    await privacy.getByText('Recording paused', { exact: true }).waitFor({ timeout: patient(5000) });
    expect(await page.content()).not.toContain('0151');
    await screenshot(page, 'card-number-hidden');
    expect(await seriousViolations(page)).toEqual([]);

    await privacy.getByRole('button', { name: 'Resume recording' }).click();
    await timeline.getByText('Recording resumed by a supervisor').waitFor({ timeout: patient(5000) });

    await call.hangUp();
    await privacy.getByLabel('Reason for the hold (optional)').fill('disputed payment');
    await privacy.getByRole('button', { name: 'Put on legal hold' }).click();
    await privacy.getByText(/^On legal hold since/).waitFor({ timeout: patient(5000) });
    await timeline.getByText('Put on legal hold: disputed payment').waitFor({ timeout: patient(5000) });

    await page.evaluate(() => (location.hash = '#/privacy'));
    await page.getByLabel('Phone number').fill('06 11 22 33 44');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText('One call of +33611223344, and 0 other events (SMS, searches).').waitFor({ timeout: patient(5000) });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Erase…' }).click();
    await page.getByRole('button', { name: 'Erase this call for good' }).click();
    await page.getByText(`${call.id} is on legal hold: lift the hold to erase it.`).waitFor({ timeout: patient(5000) });
  }, 60_000);
});
