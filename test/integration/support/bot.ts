// A streamed call with the bot on it: an engine whose models are a fake OpenAI server, and a
// simulated media server that speaks only when told to.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import type { Call, CallEvent, Utterance } from '../../../shared/call.ts';
import type { Command } from '../../../shared/commands.ts';
import type { EngineConfig } from '../../../electron/engine/config/schema.ts';
import type { Engine } from '../../../electron/engine/engine.ts';
import { loadClips } from '../../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../../electron/engine/simulator/media-server.ts';
import { RingoverWebhookSender } from '../../../electron/engine/simulator/webhook-sender.ts';
import { newCallId } from '../../../electron/engine/simulator/simulate.ts';
import { FakeOpenAI, type FakeOpenAIOptions } from '../../fakes/fake-openai.ts';
import { consoleGet, consolePost, SECRETS, startEngine, type Reply } from './engine.ts';
import { openLive, type LiveFeed } from './live.ts';
import { patient } from '../../support/patience.ts';

export interface BotRig {
  engine: Engine;
  openai: FakeOpenAI;
  live: LiveFeed;
  stop(): Promise<void>;
}

export async function startBotRig(config: Partial<EngineConfig> = {}, fake: FakeOpenAIOptions = {}): Promise<BotRig> {
  const openai = await new FakeOpenAI(fake).start(fake.https);
  const engine = await startEngine({ openaiBaseUrl: openai.baseURL, openaiApiKey: 'test-key', botGreeting: '', turnSilenceMs: 400, ...config });
  const live = await openLive(engine.consoleUrl, SECRETS.RINGSIDE_CONSOLE_TOKEN);
  return {
    engine,
    openai,
    live,
    async stop() {
      live.close();
      await engine.stop();
      await openai.stop();
    },
  };
}

/** The caller hangs up: the stream closes and the provider's hangup webhook arrives. */
export async function hangUp(engine: Engine, media: SimulatedMediaServer): Promise<void> {
  media.stop();
  const status = await new RingoverWebhookSender(engine.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET).send('hangup', { callId: media.callId, direction: 'in', from: '+33612345678', to: '+33187654321' });
  if (status !== 200) throw new Error(`hangup webhook refused with ${status}`);
}

/** A media server on a fresh call; quiet until its `speak` is called. */
export async function callIn(engine: Engine): Promise<{ id: string; media: SimulatedMediaServer }> {
  const callId = newCallId();
  const media = await SimulatedMediaServer.connect({ target: engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId, clips: [] });
  media.startAudio();
  return { id: `ringover-${callId}`, media };
}

export const clip = (index: number) => loadClips()[index]!.samples;

export async function callDetail(engine: Engine, id: string): Promise<{ call: Call; events: CallEvent[] }> {
  return (await consoleGet(engine, `/api/calls/${id}`)).body as { call: Call; events: CallEvent[] };
}

/** Final transcript lines of a call, from its stored timeline. */
export function utterances(events: CallEvent[]): Utterance[] {
  return events.filter((e) => e.type === 'utterance').map((e) => (e.detail as { utterance: Utterance }).utterance);
}

/** Seconds of bot speech the media server received. */
export const speechSeconds = (media: SimulatedMediaServer) => media.speech.reduce((n, s) => n + s.samples.length / s.sampleRate, 0);

/** How long the bot's recorded fallback line lasts. */
export const FALLBACK_SECONDS = (() => {
  const wav = new wavefile.WaveFile(readFileSync(join(import.meta.dirname, '../../../resources/voice/fallback.wav')));
  return (wav.getSamples(false, Int16Array) as unknown as Int16Array).length / (wav.fmt as { sampleRate: number }).sampleRate;
})();

/** A labelled test clip from test/fixtures/audio, as 8 kHz PCM. */
export function fixture(name: string): Int16Array {
  const wav = new wavefile.WaveFile(readFileSync(join(import.meta.dirname, '../../fixtures/audio', name)));
  wav.fromMuLaw();
  return wav.getSamples(false, Int16Array) as unknown as Int16Array;
}

/** A supervisor's command from the console. */
export const command = (engine: Engine, id: string, body: Command): Promise<Reply> => consolePost(engine, `/api/calls/${id}/commands`, body);

/** Indexes of the `break` commands the media server received. */
export const breaks = (media: SimulatedMediaServer) => media.commands.filter((c) => c.message.event === 'break');

/** Waits until the bot has been quiet (no new speech) for `quietMs`. */
export async function botQuiet(media: SimulatedMediaServer, quietMs = 600, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + patient(timeoutMs);
  for (;;) {
    const last = media.speech.at(-1)?.at ?? 0;
    if (performance.now() - last >= quietMs && media.queuedMs() === 0) return;
    if (Date.now() > deadline) throw new Error('the bot never went quiet');
    await new Promise((r) => setTimeout(r, 50));
  }
}
