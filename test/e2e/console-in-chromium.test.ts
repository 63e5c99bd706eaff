// The supervisor console in real Chromium against a real engine: calls appear as cards, every
// button lands its exact streamer command at the simulated media server, take over streams the
// (fake) microphone into the call, listen-in plays the call, history finds a call by what was
// said, and the board, the detail and history are captured in both themes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../integration/support/bot.ts';
import { SECRETS, startEngine } from '../integration/support/engine.ts';
import { eventually, until } from '../integration/support/live.ts';
import { chromiumMissing } from './support/chromium.ts';
import { card, placeCall, screenshot, startConsole, type ConsoleRig } from './support/console-page.ts';
import { patient } from '../support/patience.ts';

const missing = chromiumMissing();
if (missing) console.log(missing);

describe.skipIf(missing)('the console in Chromium', () => {
  let rig: ConsoleRig;
  beforeAll(async () => {
    rig = await startConsole();
  }, patient(60_000));
  afterAll(() => rig?.stop());
  beforeEach(async () => {
    await rig.page.evaluate(() => (location.hash = '#/'));
  });

  const wire = (media: { received: { text: string }[] }) => media.received.map((r) => r.text);

  it('shows a new call as a card: caller, state, timer, waveform', async () => {
    const call = await placeCall(rig, 'Claire Dubois');
    try {
      const claire = card(rig.page, 'Claire Dubois');
      await claire.waitFor({ timeout: patient(10_000) });
      await expect.poll(() => claire.locator('.chip').textContent(), { timeout: patient(5000) }).toBe('Bot');
      expect(await claire.getByLabel('Duration').textContent()).toMatch(/^\d+:\d\d$/);
      expect(await claire.getByRole('img', { name: /Live waveform/ }).count()).toBe(1);
    } finally {
      await call.hangUp();
    }
  }, patient(30_000));

  it('sends the exact streamer command for each button, and says it landed', async () => {
    const call = await placeCall(rig, 'James Whitfield');
    try {
      const james = card(rig.page, 'James Whitfield');
      await james.waitFor({ timeout: patient(10_000) });
      await james.getByRole('button', { name: 'Break' }).click();
      await until(() => wire(call.media).includes('{"event":"break"}') || undefined, 5000, 'break on the wire');
      await expect.poll(() => james.getByRole('status').textContent()).toBe('Break sent');

      await james.getByRole('button', { name: 'Keypad' }).click();
      await james.getByRole('button', { name: 'Key 4' }).click();
      await rig.page.keyboard.press('#'); // typed on the keyboard while the keypad is open
      await until(() => call.media.digits.length === 2 || undefined, 5000, 'digits on the wire');
      expect(wire(call.media).filter((t) => t.includes('digits'))).toEqual(['{"event":"digits","data":"4"}', '{"event":"digits","data":"#"}']);
      await james.getByRole('button', { name: 'Close keypad' }).click();

      await james.getByRole('button', { name: 'Transfer' }).click();
      await james.getByLabel('Transfer to').fill('sales');
      await james.getByRole('button', { name: 'Transfer', exact: true }).last().click();
      await expect.poll(() => james.getByRole('alert').textContent()).toContain('phone number');
      await james.getByLabel('Transfer to').fill('+33 1 23 45 67 89');
      await james.getByLabel('Transfer to').press('Enter');
      expect(await call.media.ended).toBe('transferred');
      expect(wire(call.media)).toContain('{"event":"transfer","data":"+33123456789"}');
    } finally {
      await call.hangUp();
    }
  }, patient(40_000));

  it('takes over with the microphone (the bot goes quiet, the voice reaches the call) and hands back', async () => {
    const call = await placeCall(rig, 'Aisha Khan');
    try {
      const aisha = card(rig.page, 'Aisha Khan');
      await aisha.waitFor({ timeout: patient(10_000) });
      await aisha.getByRole('button', { name: 'Take over' }).click();
      await expect.poll(() => aisha.locator('.chip').textContent(), { timeout: patient(5000) }).toBe('You');
      // Chromium's fake microphone plays a tone: it arrives as 16 kHz streamAudio, sent by the supervisor.
      await until(() => call.media.speech.filter((s) => s.sampleRate === 16000).length >= 3 || undefined, 10_000, 'the supervisor’s voice');
      await aisha.getByRole('button', { name: 'Hand back' }).click();
      await expect.poll(() => aisha.locator('.chip').textContent(), { timeout: patient(5000) }).toBe('Bot');
      // The hand back closes the span of the supervisor's voice: one entry on the call's timeline,
      // written by the store's writer thread (it may land a moment later).
      const supervisorAudioLogged = async () =>
        (await rig.engine.api.getCall(call.id)).events.filter((e) => e.type === 'command' && (e.detail as { origin?: string }).origin === 'supervisor' && (e.detail as { command: { type: string } }).command.type === 'streamAudio').length;
      await expect.poll(supervisorAudioLogged, { timeout: patient(5000) }).toBe(1);
    } finally {
      await call.hangUp();
    }
  }, patient(40_000));

  it('listens in: the call’s audio reaches the page', async () => {
    const call = await placeCall(rig, 'Lucas Martin');
    let frames = 0;
    const watch = (ws: { url(): string; on(event: 'framereceived', cb: (frame: { payload: string | Buffer }) => void): void }) => {
      if (ws.url().includes('/listen')) ws.on('framereceived', (frame) => void (typeof frame.payload !== 'string' && frames++));
    };
    rig.page.on('websocket', watch);
    try {
      const lucas = card(rig.page, 'Lucas Martin');
      await lucas.waitFor({ timeout: patient(10_000) });
      await lucas.getByRole('button', { name: 'Listen' }).click();
      await until(() => frames > 10 || undefined, 5000, 'audio frames in the page');
      expect(await lucas.getByRole('button', { name: 'Stop listening' }).getAttribute('aria-pressed')).toBe('true');
      await lucas.getByRole('button', { name: 'Stop listening' }).click();
    } finally {
      rig.page.off('websocket', watch);
      await call.hangUp();
    }
  }, patient(30_000));

  it('speaks typed text in the bot’s voice from the call detail, and takes shortcuts', async () => {
    const call = await placeCall(rig, 'Noor Haddad');
    try {
      await card(rig.page, 'Noor Haddad').getByRole('button', { name: 'Details' }).click();
      await rig.page.getByRole('heading', { name: /Noor Haddad/ }).waitFor();
      await rig.page.getByLabel('Say, in the bot’s voice').fill('A colleague will be with you in a minute.');
      await rig.page.getByLabel('Say, in the bot’s voice').press('Enter');
      await until(() => rig.openai.made('/v1/audio/speech').some((r) => String(r.body.input).startsWith('A colleague will be with you')) || undefined, 5000, 'the speech request');
      await until(() => call.media.speech.length > 0 || undefined, 5000, 'the speech on the line');
      await rig.page.getByRole('heading', { name: /Noor Haddad/ }).click(); // out of the text box: keys are shortcuts again
      await rig.page.keyboard.press('b');
      await until(() => wire(call.media).includes('{"event":"break"}') || undefined, 5000, 'b for break');
      await rig.page.keyboard.press('Escape');
      await rig.page.getByRole('region', { name: /Live calls/ }).waitFor();
    } finally {
      await call.hangUp();
    }
  }, patient(30_000));

  it('finds an ended call by what was said, with its transcript and recording', async () => {
    rig.openai.transcripts.push('I need to change my delivery address.');
    rig.openai.replies.push({ text: 'Of course, what is the new address?' });
    const call = await placeCall(rig, 'Sofia Rossi', '+39061234567');
    await card(rig.page, 'Sofia Rossi').waitFor({ timeout: patient(10_000) });
    await call.media.speak(fixture('short-yes.wav'));
    await until(() => call.media.speech.length > 5 || undefined, 10_000, 'the bot’s answer');
    await screenshot(rig.page, 'board-light');
    await rig.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(rig.page, 'board-dark');
    await rig.page.emulateMedia({ colorScheme: 'light' });
    // The bot's line is stored once the caller has heard all of it (a hang-up before that cuts it
    // from the timeline): wait until the store has both lines, however long the answer takes to play.
    const storedLines = async () =>
      (await rig.engine.api.getCall(call.id)).events.flatMap((e) => (e.type === 'utterance' ? [(e.detail as { utterance: { speaker: string; text: string } }).utterance] : []));
    await expect.poll(storedLines, { timeout: patient(20_000) }).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ speaker: 'caller', text: 'I need to change my delivery address.' }),
        expect.objectContaining({ speaker: 'bot', text: 'Of course, what is the new address?' }),
      ]),
    );
    await call.hangUp();
    await eventually(async () => expect((await rig.engine.api.getCall(call.id)).call.state).toBe('ended'), 5000);

    await rig.page.getByRole('link', { name: 'History' }).click();
    await rig.page.getByLabel('Search').fill('delivery address');
    await rig.page.getByRole('button', { name: 'Search' }).click();
    // History first lists every ended call: wait for the search's answer (the header and Sofia's
    // call only), not for Sofia's row, which the unfiltered list shows too.
    const row = rig.page.getByRole('row', { name: /Sofia Rossi/ });
    await expect.poll(() => rig.page.getByRole('row').count(), { timeout: patient(10_000) }).toBe(2);
    expect(await row.count()).toBe(1);
    await screenshot(rig.page, 'history-light');
    await rig.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(rig.page, 'history-dark');
    await rig.page.emulateMedia({ colorScheme: 'light' });

    await row.getByRole('link').click();
    await rig.page.getByRole('heading', { name: /Sofia Rossi/ }).waitFor();
    const transcript = rig.page.getByRole('list', { name: 'Transcript' });
    await expect.poll(() => transcript.textContent(), { timeout: patient(5000) }).toMatch(/I need to change my delivery address\.[^]*Of course, what is the new address\?/);
    await rig.page.getByRole('button', { name: 'Play recording' }).waitFor({ timeout: patient(10_000) });
    await expect.poll(() => rig.page.getByRole('button', { name: 'Play recording' }).isEnabled(), { timeout: patient(10_000) }).toBe(true);
    await screenshot(rig.page, 'detail-light');
    await rig.page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(rig.page, 'detail-dark');
    await rig.page.emulateMedia({ colorScheme: 'light' });
  }, patient(60_000));

  it('onboards a provider: own URL in Settings, the URL to paste, a test event that arrives in the log', async () => {
    const page = rig.page;
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.getByLabel('How providers reach Ringside').selectOption('own-url');
    await page.getByLabel('My own URL').fill(rig.engine.publicUrl);
    await page.getByRole('button', { name: 'Save settings' }).click();
    const state = page.locator('.access-state');
    // The test engine listens on loopback: reachable here, by no provider, and the panel says so.
    await expect.poll(() => state.textContent(), { timeout: patient(5000) }).toBe(`Your own URL, ${rig.engine.publicUrl}, is a loopback or private address: no provider can reach it. Give the public https address of your tunnel or reverse proxy.`);
    expect(await page.locator('.copy-row code').first().textContent()).toBe(`${rig.engine.publicUrl}/webhooks/ringover`);
    await page.getByRole('button', { name: 'Send a test event for Ringover' }).click();
    const result = page.locator('.provider-guide').first().getByRole('status');
    await expect.poll(() => result.textContent(), { timeout: patient(10_000) }).toMatch(/^Arrived through 127\.0\.0\.1:\d+ in \d+ ms and was stored\./);
    await screenshot(page, 'onboarding-light');
    await result.getByRole('link', { name: 'See it in the event log' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Timeline' }).textContent(), { timeout: patient(5000) }).toContain('hangup');

    // A URL that leads nowhere: the test event says so, and nothing is left half-configured.
    await rig.engine.api.updateSettings({ publicUrl: 'http://127.0.0.1:9' });
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.getByRole('button', { name: 'Send a test event for Ringyo' }).click();
    const failed = page.locator('.provider-guide').nth(2).getByRole('status');
    await expect.poll(() => failed.textContent(), { timeout: patient(10_000) }).toContain('nothing answered at 127.0.0.1:9');
    // The engine's message ends its sentence before the warning about a private address starts.
    expect(await failed.textContent()).toMatch(/\. No provider can reach 127\.0\.0\.1 anyway/);
    await rig.engine.api.updateSettings({ publicAccess: null, publicUrl: null });
  }, patient(40_000));

  it('says when it is offline, and comes back by itself', async () => {
    const page = await rig.context.newPage();
    const other = await startEngine();
    const port = Number(new URL(other.consoleUrl).port);
    await page.goto(`${other.consoleUrl}/#token=${SECRETS.RINGSIDE_CONSOLE_TOKEN}`);
    await page.getByText('Connected', { exact: true }).waitFor();
    await other.stop();
    await page.getByRole('alert').filter({ hasText: 'Disconnected from Ringside' }).waitFor({ timeout: patient(5000) });
    const again = await startEngine({ consolePort: port });
    try {
      await page.getByText('Connected', { exact: true }).waitFor({ timeout: patient(10_000) });
      expect(await page.getByRole('alert').filter({ hasText: 'Disconnected' }).count()).toBe(0);
    } finally {
      await page.close();
      await again.stop();
    }
  }, patient(40_000));
});
