// History, recordings and Settings in real Chromium say what is true: History lists calls as they
// end (with the caller's number and a demo marker) without a reload; a recording is fetched once;
// and "My own URL" on a loopback address warns, in the field and in the test event's result, that
// no provider can reach it.
import { describe, expect, it } from 'vitest';
import { patient } from '../support/patience.ts';
import { chromiumMissing } from './support/chromium.ts';
import { placeCall, placeCallOnBoard, type ConsoleRig, withConsole } from './support/console-page.ts';
import { fixture } from '../integration/support/bot.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('history, recordings and Settings', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started));

  it('lists a call in History as it ends, with the caller’s number, without a reload', async () => {
    await rig.page.getByRole('link', { name: 'History' }).click();
    await rig.page.getByRole('search').waitFor();
    const call = await placeCall(rig, 'Gabriel Mercier', '+33611223344');
    await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.stream?.state, { timeout: patient(5000) }).toBe('connected');
    await call.hangUp();
    const row = rig.page.getByRole('row', { name: /Gabriel Mercier/ });
    await row.waitFor({ timeout: patient(5000) });
    expect(await row.textContent()).toContain('+33611223344');
  }, patient(30_000));

  it('marks the demo’s calls in History', async () => {
    await rig.page.getByRole('link', { name: 'History' }).click();
    await rig.page.getByRole('search').waitFor();
    const call = await placeCall(rig, 'Demo Caller', '+33699887766');
    // Marked as the built-in demo marks its calls, before they ring.
    await rig.engine.calls.timeline.record(call.id, { type: 'other', providerEvent: 'demo.call', onceKey: call.data.callId, detail: { demo: true } });
    await call.hangUp();
    const row = rig.page.getByRole('row', { name: /Demo Caller/ });
    await row.waitFor({ timeout: patient(5000) });
    expect(await row.locator('.chip.demo').textContent()).toBe('Demo');
  }, patient(30_000));

  it('fetches a recording once', async () => {
    const call = await placeCallOnBoard(rig, 'Zoé Lambert');
    await call.media.speak(fixture('short-yes.wav'));
    await call.hangUp();
    await expect.poll(async () => (await rig.engine.api.getCall(call.id)).call.recording !== undefined, { timeout: patient(5000) }).toBe(true);
    const fetched: string[] = [];
    const count = (request: { url(): string }) => void (request.url().includes('/recording') && fetched.push(request.url()));
    rig.page.on('request', count);
    try {
      await rig.page.evaluate((id) => (location.hash = `#/calls/${encodeURIComponent(id)}`), call.id);
      const play = rig.page.getByRole('button', { name: 'Play recording' });
      await expect.poll(() => play.isEnabled(), { timeout: patient(10_000) }).toBe(true);
      // A theme change recolours the waveform: it fetches nothing again.
      await rig.page.emulateMedia({ colorScheme: 'dark' });
      await rig.page.getByRole('button', { name: /^Theme:/ }).click();
      await expect.poll(() => play.isEnabled(), { timeout: patient(10_000) }).toBe(true);
      expect(fetched).toHaveLength(1);
    } finally {
      rig.page.off('request', count);
      await rig.page.emulateMedia({ colorScheme: 'light' });
      await rig.page.evaluate(() => localStorage.setItem('ringside.theme', 'system'));
    }
  }, patient(30_000));

  it('warns that no provider can reach a loopback “My own URL”, in the field and in the test event’s result', async () => {
    const page = rig.page;
    try {
      await page.evaluate(() => (location.hash = '#/settings'));
      const field = page.getByLabel('My own URL');
      await field.fill('http://127.0.0.1:8000');
      const warning = page.locator('.field').filter({ has: field }).getByRole('alert');
      await expect.poll(() => warning.textContent()).toContain('No provider can reach 127.0.0.1');
      await field.fill('https://calls.example.com');
      expect(await warning.count()).toBe(0);

      await rig.engine.api.updateSettings({ publicAccess: 'own-url', publicUrl: rig.engine.publicUrl });
      await page.evaluate(() => (location.hash = '#/'));
      await page.evaluate(() => (location.hash = '#/settings'));
      await page.getByRole('button', { name: 'Send a test event for Ringover' }).click();
      const result = page.locator('.provider-guide').first().getByRole('status');
      await expect.poll(() => result.textContent(), { timeout: patient(10_000) }).toMatch(/^Arrived through 127\.0\.0\.1:\d+ in \d+ ms and was stored\. But no provider can reach 127\.0\.0\.1/);
    } finally {
      await rig.engine.api.updateSettings({ publicAccess: null, publicUrl: null });
    }
  }, patient(30_000));
});
