// Waiting on a simulated call's bot in a benchmark: measurements use the times the media server
// recorded, never the poll that notices them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import type { SimulatedMediaServer, Spoken } from '../../../electron/engine/simulator/media-server.ts';

/** When (performance.now()) the bot's first audio after `spoken` reached the media server. */
export async function firstAudioAfter(media: SimulatedMediaServer, spoken: Spoken): Promise<number> {
  return until(() => media.speech.find((s) => s.at > spoken.endedAt)?.at);
}

/** Resolves once the bot has said something and then been quiet for `ms`, its audio all played. */
export async function quiet(media: SimulatedMediaServer, ms: number, timeoutMs?: number): Promise<void> {
  await until(() => (media.speech.length > 0 && performance.now() - media.speech.at(-1)!.at > ms && media.queuedMs() === 0) || undefined, timeoutMs);
}

export async function until<T>(read: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error('the bot did not answer in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A labelled clip from test/fixtures/audio, as 8 kHz PCM. */
export function fixture(name: string): Int16Array {
  const wav = new wavefile.WaveFile(readFileSync(join(import.meta.dirname, '../../fixtures/audio', name)));
  wav.fromMuLaw();
  return wav.getSamples(false, Int16Array) as unknown as Int16Array;
}
