// An engine with the bot (on a fake OpenAI server), the console open in Chromium, and helpers to
// place calls the way a provider does: webhooks, then a media stream.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Engine } from '../../../electron/engine/engine.ts';
import { SimulatedMediaServer } from '../../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender, type RingoverCallData } from '../../../electron/engine/simulator/webhook-sender.ts';
import { FakeOpenAI } from '../../fakes/fake-openai.ts';
import { SECRETS, startEngine } from '../../integration/support/engine.ts';
import { fixture } from '../../integration/support/bot.ts';
import { patient } from '../../support/patience.ts';
import { launchChromium } from './chromium.ts';
import { ensureWebBuild } from './web-build.ts';

export const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

export interface ConsoleRig {
  engine: Engine;
  openai: FakeOpenAI;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  webhooks: RingoverWebhookSender;
  stop(): Promise<void>;
}

export interface ConsoleOptions {
  /** The browser's language (BCP 47): the console speaks it unless Settings says otherwise. */
  locale?: string;
  /** False: no AI model is configured (streamed calls are monitor-only, Say needs a model). */
  models?: boolean;
}

/**
 * Counts what the page does with the microphone: every track the page gets from getUserMedia is
 * kept in `window.micTracks`, so a test can read each one's `readyState` ('live', 'ended').
 */
const RECORD_MICROPHONE_TRACKS = `
  window.micTracks = [];
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    window.micTracks.push(...stream.getAudioTracks());
    return stream;
  };
`;

/** The `readyState` of every microphone track the page has opened, oldest first. */
export const micTracks = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { micTracks: MediaStreamTrack[] }).micTracks.map((track) => track.readyState));

export async function startConsole({ locale = 'en-US', models = true }: ConsoleOptions = {}): Promise<ConsoleRig> {
  await ensureWebBuild();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const openai = await new FakeOpenAI().start();
  const engine = await startEngine(models ? { openaiBaseUrl: openai.baseURL, openaiApiKey: 'test-key', botGreeting: '', turnSilenceMs: 400 } : { turnSilenceMs: 400 });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale });
  await context.grantPermissions(['microphone', 'clipboard-read', 'clipboard-write'], { origin: engine.consoleUrl });
  await context.addInitScript(RECORD_MICROPHONE_TRACKS);
  const page = await context.newPage();
  await page.goto(consoleLink(engine));
  return {
    engine,
    openai,
    browser,
    context,
    page,
    webhooks: new RingoverWebhookSender(engine.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET),
    async stop() {
      await browser.close();
      await engine.stop();
      await openai.stop();
    },
  };
}

/**
 * One rig for the tests of a describe block: started before them, stopped after them; each test
 * starts on the board with the mouse out of the way. `use` receives the rig once it runs.
 */
export function withConsole(use: (rig: ConsoleRig) => void, options: ConsoleOptions = {}): void {
  let rig: ConsoleRig | undefined;
  beforeAll(async () => {
    rig = await startConsole(options);
    use(rig);
  }, patient(60_000));
  afterAll(() => rig?.stop());
  beforeEach(async () => {
    await rig!.page.mouse.move(0, 0);
    await rig!.page.evaluate(() => (location.hash = '#/'));
  });
}

/** A call placed as a provider places it, once its card is on the board. */
export async function placeCallOnBoard(rig: ConsoleRig, fromName: string, from?: string, extra?: Partial<RingoverCallData>): Promise<PlacedCall & { card: Locator }> {
  const call = await placeCall(rig, fromName, from, extra);
  const shown = card(rig.page, fromName);
  await shown.waitFor({ timeout: patient(10_000) });
  return { ...call, card: shown };
}

/** The console's link, as Ringside prints it. */
export const consoleLink = (engine: Engine, token = SECRETS.RINGSIDE_CONSOLE_TOKEN) => `${engine.consoleUrl}/#token=${encodeURIComponent(token)}`;

export interface PlacedCall {
  id: string;
  data: RingoverCallData;
  media: SimulatedMediaServer;
  hangUp(): Promise<void>;
}

/** A call as a provider places it: ringing and answered webhooks, then its audio stream. */
export async function placeCall(rig: ConsoleRig, fromName: string, from = '+33612345678', extra: Partial<RingoverCallData> = {}): Promise<PlacedCall> {
  const data: RingoverCallData = { callId: newCallId(), direction: 'in', from, to: '+33187654321', fromName, ...extra };
  await rig.webhooks.send('ringing', data);
  await rig.webhooks.send('answered', data);
  const media = await SimulatedMediaServer.connect({ target: rig.engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId: data.callId, clips: [] });
  media.startAudio();
  return {
    id: `ringover-${data.callId}`,
    data,
    media,
    async hangUp() {
      media.stop();
      await rig.webhooks.send('hangup', data);
    },
  };
}

export const card = (page: Page, name: string) => page.getByRole('article', { name: new RegExp(`^${name} (to|vers) `) });

/**
 * The bot asks for a person on this call: the caller says so, and the (fake) model answers with
 * the transfer_to_human tool, as a real one would.
 */
export async function askForAPerson(rig: ConsoleRig, call: PlacedCall, reason = 'the caller asks for a manager'): Promise<void> {
  rig.openai.transcripts.push('I want to speak to a person.');
  rig.openai.replies.push({ text: 'Of course.', toolCalls: [{ name: 'transfer_to_human', arguments: { reason } }] });
  await call.media.speak(fixture('short-yes.wav'));
}

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
