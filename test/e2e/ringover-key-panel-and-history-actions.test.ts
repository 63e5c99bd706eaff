// In real Chromium, with Ringover's API played by the stand-in:
// - Settings → Ringover: "Test the key" tries each area and shows its state; an area the key lacks
//   is named as a missing right, with what to do;
// - an ended Ringover call's "Act on this call": call back, SMS, tags and a comment each reach
//   Ringover (call back, SMS) or the call's record (tags, comment) and land on the call's timeline
//   in words, with who did it.
// Axe-clean, in English and French.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender } from '../../electron/engine/simulator/webhook-sender.ts';
import { SECRETS } from '../integration/support/engine.ts';
import { ALL_AREAS, RINGOVER_KEY, startRingoverRig } from '../integration/support/ringover-engine.ts';
import { patient } from '../support/patience.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing, launchChromium } from './support/chromium.ts';
import { consoleLink, screenshot } from './support/console-page.ts';
import { ensureWebBuild } from './support/web-build.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('Ringover’s key panel and the actions from history', () => {
  let rig: Awaited<ReturnType<typeof startRingoverRig>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureWebBuild();
    rig = await startRingoverRig(undefined, { ringoverSmsNumber: '+33187654321' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1440, height: 1400 }, locale: 'en-US' })).newPage();
    await page.goto(consoleLink(rig.engine));
  }, patient(120_000));

  afterAll(async () => {
    await browser?.close();
    await rig?.stop();
  });

  const language = async (code: 'en' | 'fr') => {
    await page.evaluate((c) => localStorage.setItem('ringside.language', c), code);
    await page.reload();
  };

  it('tests the key area by area and names the right it lacks', async () => {
    // This key opens everything but Contacts.
    rig.fake.keys.set(RINGOVER_KEY, new Set(ALL_AREAS.filter((area) => area !== 'contacts')));
    await page.evaluate(() => (location.hash = '#/settings'));
    const panel = page.getByRole('region', { name: 'Ringover API key' });
    await panel.waitFor({ timeout: patient(10_000) });
    const area = (name: string) => panel.getByRole('listitem').filter({ hasText: new RegExp(`^${name}:`) });
    expect(await panel.getByRole('status').textContent()).toBe('A key is set. What each area answered:');
    expect(await area('Contacts').textContent()).toBe('Contacts: not tried yet');

    await panel.getByRole('button', { name: 'Test the key' }).click();
    await expect.poll(() => area('Contacts').textContent(), { timeout: patient(10_000) }).toMatch(/^Contacts: right missing — the API key lacks the Contacts right: add it to the key/);
    expect(await area('Calls').textContent()).toBe('Calls: works');
    expect(await area('Users').textContent()).toBe('Users: works');
    expect(await area('Numbers').textContent()).toBe('Numbers: works');
    expect(await area('Presences').textContent()).toBe('Presences: works');
    // Call back and SMS are tried when used, never by a test that would ring someone.
    expect(await area('Call back').textContent()).toBe('Call back: not tried yet');
    expect(await area('Contacts').getAttribute('class')).toBe('area-denied');
    expect(rig.fake.requests.filter((r) => r.path === '/contacts').map((r) => r.status)).toEqual([403]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'ringover-key-panel');

    await language('fr');
    const fr = page.getByRole('region', { name: 'Clé d’API Ringover' });
    await fr.waitFor({ timeout: patient(10_000) });
    await fr.getByRole('button', { name: 'Tester la clé' }).click();
    await expect.poll(() => fr.locator('li.area-denied').textContent(), { timeout: patient(10_000) }).toMatch(/^Contacts : droit manquant — /);
    expect(await seriousViolations(page)).toEqual([]);
    await language('en');
    rig.fake.keys.set(RINGOVER_KEY, new Set(ALL_AREAS));
  }, patient(60_000));

  it('calls back, sends an SMS, adds tags and a comment, each on the timeline with who did it', async () => {
    const data = { callId: newCallId(), direction: 'in' as const, from: '+33612345678', to: '+33187654321', fromName: 'Rémi Rappel' };
    const webhooks = new RingoverWebhookSender(rig.engine.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET);
    for (const event of ['ringing', 'answered', 'hangup'] as const) await webhooks.send(event, data);
    const id = `ringover-${data.callId}`;
    await expect.poll(async () => (await rig.engine.api.getCall(id)).call.state, { timeout: patient(5000) }).toBe('ended');

    await page.evaluate((callId) => (location.hash = `#/calls/${encodeURIComponent(callId)}`), id);
    const act = page.getByRole('region', { name: 'Act on this call' });
    await act.waitFor({ timeout: patient(10_000) });
    const said = act.getByRole('status');
    const timeline = page.getByRole('list', { name: 'Timeline' });
    const entry = (text: string | RegExp) => timeline.getByRole('listitem').filter({ hasText: text });

    await act.getByRole('button', { name: 'Call back' }).click();
    await expect.poll(() => said.textContent(), { timeout: patient(5000) }).toBe('Ringover is calling you, then the customer.');
    expect(rig.fake.requests.filter((r) => r.path === '/callback').map((r) => r.body)).toEqual([{ to_number: 33612345678, device: 'ALL', timeout: 30 }]);
    // The loopback console acts as the local administrator.
    await entry('Call back to +33612345678 through Ringover, asked by Local administrator').waitFor({ timeout: patient(5000) });

    await act.getByRole('textbox', { name: 'SMS follow-up' }).fill('We will call you back tomorrow at 10.');
    await act.getByRole('button', { name: 'Send SMS' }).click();
    await expect.poll(() => said.textContent(), { timeout: patient(5000) }).toBe('SMS sent.');
    expect(rig.fake.requests.filter((r) => r.path === '/push/sms').map((r) => r.body)).toEqual([
      { from_number: '+33187654321', to_number: '+33612345678', content: 'We will call you back tomorrow at 10.', archived_auto: false },
    ]);
    await entry('SMS to +33612345678 through Ringover, by Local administrator: “We will call you back tomorrow at 10.”').waitFor({ timeout: patient(5000) });
    expect(await act.getByRole('textbox', { name: 'SMS follow-up' }).inputValue()).toBe('');

    await act.getByRole('textbox', { name: 'Tags (comma-separated)' }).fill('callback, billing');
    await act.getByRole('button', { name: 'Add tags' }).click();
    await expect.poll(() => said.textContent(), { timeout: patient(5000) }).toBe('Tags added.');
    const tags = entry(/^.*Tags updated, by Local administrator/);
    await tags.waitFor({ timeout: patient(5000) });
    expect(await tags.locator('.facts-line').textContent()).toMatch(/callback.*billing/);

    await act.getByRole('textbox', { name: 'Comment' }).fill('Customer prefers mornings.');
    await act.getByRole('button', { name: 'Add comment' }).click();
    await expect.poll(() => said.textContent(), { timeout: patient(5000) }).toBe('Comment added.');
    const comment = entry(/Notes updated, by Local administrator/);
    await comment.waitFor({ timeout: patient(5000) });
    expect(await comment.textContent()).toContain('Customer prefers mornings.');
    // Stored on the call itself too, not only shown.
    const stored = (await rig.engine.api.getCall(id)).call;
    expect(stored.tags).toEqual(['callback', 'billing']);
    expect(stored.comments).toBe('Customer prefers mornings.');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'history-ringover-actions');

    await language('fr');
    const timelineFr = page.getByRole('list', { name: 'Chronologie' });
    await timelineFr.getByRole('listitem').filter({ hasText: 'Rappel de +33612345678 via Ringover, demandé par Administrateur local' }).waitFor({ timeout: patient(10_000) });
    expect(await timelineFr.textContent()).toContain('SMS à +33612345678 via Ringover, par Administrateur local : « We will call you back tomorrow at 10. »');
    expect(await page.getByRole('region', { name: 'Agir sur cet appel' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await language('en');
  }, patient(60_000));
});
