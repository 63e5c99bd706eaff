// An engine with the bot (on a fake OpenAI server), the console open in Chromium, and helpers to
// place calls the way a provider does: webhooks, then a media stream.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Engine } from '../../../electron/engine/engine.ts';
import { SimulatedMediaServer } from '../../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender, type RingoverCallData } from '../../../electron/engine/simulator/webhook-sender.ts';
import { FakeOpenAI } from '../../fakes/fake-openai.ts';
import { SECRETS, startEngine } from '../../integration/support/engine.ts';
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

export async function startConsole(): Promise<ConsoleRig> {
  await ensureWebBuild();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const openai = await new FakeOpenAI().start();
  const engine = await startEngine({ openaiBaseUrl: openai.baseURL, openaiApiKey: 'test-key', botGreeting: '', turnSilenceMs: 400 });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['microphone', 'clipboard-read', 'clipboard-write'], { origin: engine.consoleUrl });
  const page = await context.newPage();
  await page.goto(`${engine.consoleUrl}/#token=${SECRETS.RINGSIDE_CONSOLE_TOKEN}`);
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

export interface PlacedCall {
  id: string;
  data: RingoverCallData;
  media: SimulatedMediaServer;
  hangUp(): Promise<void>;
}

/** A call as a provider places it: ringing and answered webhooks, then its audio stream. */
export async function placeCall(rig: ConsoleRig, fromName: string, from = '+33612345678'): Promise<PlacedCall> {
  const data: RingoverCallData = { callId: newCallId(), direction: 'in', from, to: '+33187654321', fromName };
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

export const card = (page: Page, name: string) => page.getByRole('article', { name: new RegExp(`^${name} to `) });

export const screenshot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
