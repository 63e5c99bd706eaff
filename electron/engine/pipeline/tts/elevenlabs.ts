// Text-to-speech by ElevenLabs, through its official SDK (`@elevenlabs/elevenlabs-js`):
// `POST /v1/text-to-speech/{voice_id}/stream?output_format=…` with the key in `xi-api-key`, the
// audio streamed back in chunks as it is made. The output format is the one nearest the line, so
// nothing is resampled that need not be: `ulaw_8000` (G.711 μ-law, what an 8 kHz phone line
// carries, half the bytes of PCM) for an 8 kHz line, raw `pcm_16000` / `pcm_24000` otherwise.
// Refusals a user can act on (bad key, unknown voice or model, no credits left, too many requests)
// become messages that say what to change.
import type { ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { decodeG711, ULAW_TO_PCM } from '../../audio/g711.ts';
import { Pcm16Chunks } from '../../audio/pcm.ts';
import type { EngineConfig } from '../../config/schema.ts';
import { elevenLabsRefusal, noElevenLabsKey } from './elevenlabs-errors.ts';
import { loadElevenLabs } from './elevenlabs-sdk.ts';
import type { TextToSpeech } from './tts.ts';

/** The output formats Ringside asks for (ElevenLabs' `codec_rate` names). */
export type ElevenLabsFormat = 'ulaw_8000' | 'pcm_16000' | 'pcm_24000';

/** The format nearest a line at `lineRate` Hz (8000, 16000 or 24000: what `streamAudio` carries). */
export function formatFor(lineRate: number): ElevenLabsFormat {
  if (lineRate <= 8000) return 'ulaw_8000';
  return lineRate <= 16000 ? 'pcm_16000' : 'pcm_24000';
}

const RATES: Record<ElevenLabsFormat, number> = { ulaw_8000: 8000, pcm_16000: 16000, pcm_24000: 24000 };

export interface ElevenLabsSettings {
  apiKey: string | undefined;
  voiceId: string;
  model: string;
  /** A regional endpoint or a stand-in, without `/v1`; undefined: `https://api.elevenlabs.io`. */
  baseUrl: string | undefined;
  /** How long to wait for the answer's headers, in ms (the stage's stall guard covers the audio). */
  timeoutMs: number;
}

export const elevenLabsSettings = (config: EngineConfig): ElevenLabsSettings => ({
  apiKey: config.elevenlabsApiKey,
  voiceId: config.elevenlabsVoiceId,
  model: config.elevenlabsModel,
  baseUrl: config.elevenlabsBaseUrl,
  timeoutMs: config.modelTimeoutMs,
});

export class ElevenLabsTextToSpeech implements TextToSpeech {
  private readonly settings: ElevenLabsSettings;

  constructor(settings: ElevenLabsSettings) {
    this.settings = settings;
  }

  rateFor(lineRate: number): number {
    return RATES[formatFor(lineRate)];
  }

  async *synthesize(text: string, signal: AbortSignal, lineRate: number): AsyncGenerator<Int16Array> {
    const { apiKey, voiceId, model } = this.settings;
    if (!apiKey) throw noElevenLabsKey();
    const format = formatFor(lineRate);
    const client = await clientFor(this.settings);
    signal.throwIfAborted();
    let audio: ReadableStream<Uint8Array>;
    try {
      // No retries: a voice turn cannot wait for them; a failure gets the spoken fallback instead.
      audio = await client.textToSpeech.stream(voiceId, { text, modelId: model, outputFormat: format }, { abortSignal: signal, maxRetries: 0 });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw elevenLabsRefusal(error, this.settings);
    }
    // Reading stops when the signal aborts: the SDK's fetch carries it, so the request itself ends.
    const pcm = format === 'ulaw_8000' ? undefined : new Pcm16Chunks(); // chunks may split a 16-bit sample
    for await (const chunk of audio as unknown as AsyncIterable<Uint8Array>) {
      const samples = pcm ? pcm.push(chunk) : decodeG711(chunk, ULAW_TO_PCM);
      if (samples.length) yield samples;
    }
  }
}

/** One SDK client per key, endpoint and timeout: its connections are kept alive between turns. */
let cached: { key: string; client: Promise<ElevenLabsClient> } | undefined;

function clientFor({ apiKey, baseUrl, timeoutMs }: ElevenLabsSettings): Promise<ElevenLabsClient> {
  const key = JSON.stringify([apiKey, baseUrl, timeoutMs]);
  if (cached?.key !== key) {
    const client = loadElevenLabs().then((sdk) => new sdk.ElevenLabsClient({ apiKey: apiKey!, ...(baseUrl && { baseUrl }), timeoutInSeconds: timeoutMs / 1000, maxRetries: 0 }));
    const entry = { key, client };
    // A failed load is tried again at the next turn.
    client.catch(() => cached === entry && (cached = undefined));
    cached = entry;
  }
  return cached.client;
}
