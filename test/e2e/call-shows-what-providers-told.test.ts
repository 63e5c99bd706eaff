// What providers tell about a call reaches the supervisor, in real Chromium, in English and French:
// signed webhooks as Ringover, Ringotel and Ringg send them (queue and voice menu, the caller's IVR
// choice, times, two tags updates minutes apart, notes, summary, transcription, a hang-up cause,
// Ringg's platform and client analyses) show on the live card (the queue), on the call's page
// (tags as chips, outcome and cause in words, Rang / Talked / Total, notes, analysis, markers in
// the timeline) and in History; and axe finds nothing serious on those pages.
import { describe, expect, it } from 'vitest';
import { post, SECRETS } from '../integration/support/engine.ts';
import { ringgRequest, ringotelRequest, ringoverBody, signRingoverJwt, type SignedRequest } from '../fakes/webhook-signers.ts';
import { patient } from '../support/patience.ts';
import { seriousViolations } from './support/axe.ts';
import { chromiumMissing } from './support/chromium.ts';
import { card, type ConsoleRig, screenshot, withConsole } from './support/console-page.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

/** Epoch seconds with a fraction, as Ringover writes them. */
const seconds = (ms: number) => (ms / 1000).toFixed(3);

describe.skipIf(missing)('a call shows what its providers told', () => {
  let rig: ConsoleRig;
  withConsole((started) => (rig = started));

  // Ids above 2^53, kept exact; unique per run so History's rows are this test's.
  const ringoverId = String(9_000_000_000_000_000_000n + BigInt(Date.now()));
  const ringotelId = `rt-${Date.now()}`;
  const ringgId = `rg-${Date.now()}`;
  const start = Date.now() - 10 * 60_000;
  const answered = start + 12_000;
  const hungUp = start + 77_000;
  const call = { direction: 'in', from_number: '+33612345678', from_name: 'Inès Laurent', to_number: '+33187654321', queue_name: 'Sales', ivr_data: { ivr_name: 'Main menu', scenario_name: 'Opening hours', number: '+33187654321' } };

  const send = async (signed: SignedRequest) => expect((await post(rig.engine.publicUrl, signed)).status).toBe(200);
  const ringover = (event: string, data: Record<string, unknown>, at: number, resource = 'call') =>
    send(signRingoverJwt(ringoverBody(event, ringoverId, data, resource, 1, seconds(at)), { key: SECRETS.RINGOVER_WEBHOOK_SECRET }));
  const ringotel = (method: string, params: Record<string, unknown>) => send(ringotelRequest(method, { call_id: ringotelId, ...params }, SECRETS.RINGOTEL_API_TOKEN));
  const ringg = (payload: Record<string, unknown>) => send(ringgRequest({ call_id: ringgId, ...payload }, SECRETS.RINGG_WEBHOOK_TOKEN));
  const open = (id: string) => rig.page.evaluate((hash) => (location.hash = hash), `#/calls/${encodeURIComponent(id)}`);
  const useLanguage = async (language: 'en' | 'fr') => {
    await rig.page.evaluate((chosen) => localStorage.setItem('ringside.language', chosen), language);
    await rig.page.reload();
    await rig.page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  };
  /** The rows of a facts list (`dl`), as label → value. */
  const factsOf = (panel: string) =>
    rig.page.locator(`${panel} dl > div`).evaluateAll((rows) => Object.fromEntries(rows.map((row) => [row.querySelector('dt')!.textContent, row.querySelector('dd')!.textContent])));

  it('shows the queue on the live card, then tags, outcome, times, IVR, notes and markers on the call’s page and in History', async () => {
    const page = rig.page;
    await ringover('ringing', { ...call, start_time: seconds(start) }, start);
    await ringover('ivr_response_code', { code: '2', direction: 'in', from_number: call.from_number, to_number: call.to_number }, start + 5_000);
    await ringover('answered', { ...call, start_time: seconds(start), answered_time: seconds(answered) }, answered);
    // The card keeps to one extra: the queue.
    const live = card(page, 'Inès Laurent');
    await live.waitFor({ timeout: patient(10_000) });
    expect(await live.locator('.sub').textContent()).toBe('Incoming · Ringover · +33612345678 · Queue Sales');

    await ringover('hangup', { ...call, start_time: seconds(start), answered_time: seconds(answered), hangup_time: seconds(hungUp), duration_in_seconds: 65, user: { firstname: 'Paul', lastname: 'Martin', email: 'paul@example.test' } }, hungUp);
    // Two tags updates six minutes apart: both are kept, the call has the later tags.
    await ringover('tags_updated', { tags: ['callback'] }, hungUp + 60_000, 'aftercall');
    await ringover('tags_updated', { tags: ['callback', 'billing'] }, hungUp + 420_000, 'aftercall');
    await ringover('comments_updated', { comments: 'Call back on Tuesday about invoice 42' }, hungUp + 430_000, 'aftercall');
    await ringover('summary_available', { summary: 'The customer disputes invoice 42.' }, hungUp + 440_000, 'aftercall');
    await ringover('transcription_available', { transcription: [{ speaker: 'Caller', text: 'My invoice is wrong.' }, { speaker: 'Agent', text: 'I will check invoice 42.' }] }, hungUp + 450_000, 'aftercall');

    await open(`ringover-${ringoverId}`);
    const title = page.getByRole('heading', { level: 1, name: /Inès Laurent/ });
    await title.waitFor({ timeout: patient(5000) });
    await expect.poll(() => page.locator('.detail-head').getByRole('list', { name: 'Tags' }).getByRole('listitem').allTextContents(), { timeout: patient(5000) }).toEqual(['callback', 'billing']);
    expect(await factsOf('.facts')).toEqual({
      Outcome: 'Call ended',
      Rang: '12s',
      Talked: '1m 5s',
      Total: '1m 17s',
      Agent: 'Paul Martin',
      'Voice menu': 'Main menu · Opening hours · Chose 2',
      Queue: 'Sales',
    });
    expect(await page.getByRole('region', { name: 'Notes' }).textContent()).toBe('NotesCall back on Tuesday about invoice 42');
    expect(await page.locator('p.summary').textContent()).toBe('The customer disputes invoice 42.');
    expect(await page.locator('.provider-transcript p').allTextContents()).toEqual(['Caller: My invoice is wrong.', 'Agent: I will check invoice 42.']);
    expect(await page.locator('.provider-transcript figcaption').textContent()).toBe('Transcript from Ringover');

    const timeline = page.getByRole('list', { name: 'Timeline' });
    const tagMarkers = timeline.locator('li.marker.tags');
    expect(await tagMarkers.count()).toBe(2);
    expect(await tagMarkers.nth(0).getByRole('listitem').allTextContents()).toEqual(['callback']);
    expect(await tagMarkers.nth(1).getByRole('listitem').allTextContents()).toEqual(['callback', 'billing']);
    expect(await tagMarkers.nth(1).locator('span').first().textContent()).toMatch(/^Tags updatedTags: /);
    expect(await timeline.locator('li.marker.notes').textContent()).toContain('Notes updatedNotes: Call back on Tuesday about invoice 42');
    const lines = await timeline.locator('li > span:not(.provider)').allTextContents();
    expect(lines).toContain('The caller chose 2 in the voice menu');
    expect(lines).toContain('Transcription available');
    expect(lines).toContain('Summary: The customer disputes invoice 42.');
    // Times of day as English writes them.
    const first = await timeline.locator('time').first().textContent();
    expect(first).toMatch(/^\d{2}:\d{2}:\d{2} (AM|PM)$/);
    await screenshot(page, 'call-facts-ringover-en');

    await page.evaluate(() => (location.hash = '#/history'));
    const row = page.getByRole('row', { name: /Inès Laurent/ });
    await row.waitFor({ timeout: patient(5000) });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(2)).toEqual(['+33187654321Queue Sales', 'Talked 1m 5sRang 12s · Total 1m 17s', 'Call endedcallbackbilling', 'The customer disputes invoice 42.']);
  }, patient(60_000));

  it('says why an unanswered call ended, in words, on its page and in History', async () => {
    const page = rig.page;
    const placed = Date.now() - 5 * 60_000;
    await ringotel('StartCallActivity', { activity_type: 'inbound', caller_number: '+33699001122', called_number: '500', call_start: placed });
    // SIP 487: the caller hung up while it rang.
    await ringotel('StopCallActivity', { activity_type: 'inbound', caller_number: '+33699001122', called_number: '500', call_start: placed, call_end: placed + 21_000, call_duration: 0, call_cause: '487' });
    await page.evaluate(() => (location.hash = '#/history'));
    const row = page.getByRole('row', { name: /\+33699001122/ });
    await row.waitFor({ timeout: patient(5000) });
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(2, 5)).toEqual(['500', 'Total 21s', 'Hung up before an answer (the caller hung up while it rang)']);
    await open(`ringotel-${ringotelId}`);
    await page.locator('.facts').waitFor({ timeout: patient(5000) });
    expect(await factsOf('.facts')).toEqual({
      Outcome: 'Hung up before an answer (the caller hung up while it rang)',
      'Hang-up cause': 'the caller hung up while it rang, cause 487',
      Total: '21s',
    });
    expect(await page.locator('.detail-head .feedback.ended').textContent()).toBe('Hung up before an answer (the caller hung up while it rang)');
  }, patient(30_000));

  it('shows Ringg’s platform and client analyses and marks them in the timeline', async () => {
    const page = rig.page;
    const calledOn = new Date(Date.now() - 3 * 60_000).toISOString();
    await ringg({ event_type: 'call_started', call_type: 'outbound', from_number: '+33180000000', to_number: '+33611112222', custom_args_values: { callee_name: 'Hugo Petit' }, agent_name: 'Ava', called_on: calledOn });
    await ringg({ event_type: 'call_completed', status: 'completed', call_type: 'outbound', call_duration: 45, called_on: calledOn, transcript: [{ bot: 'Hello Hugo.' }, { user: 'Hi, is my order shipped?' }] });
    await ringg({
      event_type: 'platform_analysis_completed',
      analysis_data: { summary: 'Hugo asked about his order.', key_points: ['Order 7781 is late', 'Wants an email'], classification: 'Order status', sentiment: 'neutral', call_disconnect_reason: 'customer_hangup', action_items: ['Email tracking link'] },
    });
    await ringg({ event_type: 'client_analysis_completed', analysis_data: { interested_in_upgrade: 'no', callback_day: 'Friday' } });

    await open(`ringg-${ringgId}`);
    const analysis = page.getByRole('region', { name: 'Analysis by Ringg' });
    await analysis.waitFor({ timeout: patient(5000) });
    await expect.poll(() => factsOf('.analysis'), { timeout: patient(5000) }).toEqual({
      Classification: 'Order status',
      Sentiment: 'neutral',
      'Who ended it': 'customer_hangup',
      'interested in upgrade': 'no',
      'callback day': 'Friday',
    });
    expect(await analysis.getByRole('list', { name: 'Key points' }).getByRole('listitem').allTextContents()).toEqual(['Order 7781 is late', 'Wants an email']);
    expect(await analysis.getByRole('list', { name: 'Action items' }).getByRole('listitem').allTextContents()).toEqual(['Email tracking link']);
    expect(await page.locator('p.summary').textContent()).toBe('Hugo asked about his order.');
    expect(await page.locator('.provider-transcript p').allTextContents()).toEqual(['bot: Hello Hugo.', 'user: Hi, is my order shipped?']);
    const lines = await page.getByRole('list', { name: 'Timeline' }).locator('li > span:not(.provider)').allTextContents();
    expect(lines).toContain('Summary: Hugo asked about his order.');
    expect(lines).toContain('Your analysis received');
    await screenshot(page, 'call-facts-ringg-en');
  }, patient(30_000));

  it('says all of it in French: words, durations and times of day', async () => {
    const page = rig.page;
    try {
      await useLanguage('fr');
      await open(`ringover-${ringoverId}`);
      await page.locator('.facts').waitFor({ timeout: patient(5000) });
      expect(await factsOf('.facts')).toEqual({
        Issue: 'Appel terminé',
        Sonnerie: '12s',
        Conversation: '1min 5s',
        Total: '1min 17s',
        Agent: 'Paul Martin',
        'Serveur vocal': 'Main menu · Opening hours · Choix 2',
        'File d’attente': 'Sales',
      });
      expect(await page.locator('.detail-head').getByRole('list', { name: 'Étiquettes' }).getByRole('listitem').allTextContents()).toEqual(['callback', 'billing']);
      const timeline = page.getByRole('list', { name: 'Chronologie' });
      expect(await timeline.locator('li.marker.tags').nth(1).locator('span').first().textContent()).toMatch(/^Étiquettes modifiéesÉtiquettes\u00a0: /);
      expect(await timeline.locator('li.marker.notes').textContent()).toContain('Notes modifiéesNotes\u00a0: Call back on Tuesday about invoice 42');
      const lines = await timeline.locator('li > span:not(.provider)').allTextContents();
      expect(lines).toContain('L’appelant a choisi 2 au serveur vocal');
      expect(lines).toContain('Transcription disponible');
      // A 24-hour clock, no AM/PM.
      expect(await timeline.locator('time').first().textContent()).toMatch(/^\d{2}:\d{2}:\d{2}$/);

      await open(`ringotel-${ringotelId}`);
      await page.locator('.facts').waitFor({ timeout: patient(5000) });
      expect((await factsOf('.facts'))['Issue']).toBe('Raccroché avant la réponse (l’appelant a raccroché pendant la sonnerie)');

      await open(`ringg-${ringgId}`);
      await page.getByRole('region', { name: 'Analyse de Ringg' }).waitFor({ timeout: patient(5000) });
      expect(await page.getByRole('region', { name: 'Analyse de Ringg' }).getByRole('list', { name: 'Points clés' }).getByRole('listitem').count()).toBe(2);

      await page.evaluate(() => (location.hash = '#/history'));
      const row = page.getByRole('row', { name: /Inès Laurent/ });
      await row.waitFor({ timeout: patient(5000) });
      expect((await row.getByRole('cell').allTextContents()).slice(2, 4)).toEqual(['+33187654321File Sales', 'Conversation 1min 5sSonnerie 12s · Total 1min 17s']);
      await screenshot(page, 'call-facts-history-fr');
    } finally {
      await useLanguage('en');
    }
  }, patient(30_000));

  for (const language of ['en', 'fr'] as const) {
    it(`has no serious or critical axe violation on these calls’ pages and History (${language}, light and dark)`, async () => {
      const page = rig.page;
      const found: Record<string, unknown> = {};
      try {
        await useLanguage(language);
        for (const theme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: theme });
          for (const id of [`ringover-${ringoverId}`, `ringotel-${ringotelId}`, `ringg-${ringgId}`]) {
            await open(id);
            await page.locator('.facts').waitFor({ timeout: patient(5000) });
            const violations = await seriousViolations(page);
            if (violations.length) found[`${id} ${theme}`] = violations;
          }
          await page.evaluate(() => (location.hash = '#/history'));
          await page.locator('table.calls .tags').first().waitFor({ timeout: patient(5000) });
          const violations = await seriousViolations(page);
          if (violations.length) found[`history ${theme}`] = violations;
        }
      } finally {
        await page.emulateMedia({ colorScheme: 'light' });
        await useLanguage('en');
      }
      expect(found).toEqual({});
    }, patient(60_000));
  }
});
