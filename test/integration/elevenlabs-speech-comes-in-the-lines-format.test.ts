// ElevenLabs speaks through its official SDK, over real HTTP, to a stand-in speaking its protocol:
// each sentence is one streamed request with the key in `xi-api-key`, in the output format nearest
// the line (μ-law at 8 kHz, PCM at 16 and 24 kHz), so the stage has nothing to resample; and
// cutting the turn ends the HTTP request itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeG711, encodeUlaw, ULAW_TO_PCM } from '../../electron/engine/audio/g711.ts';
import { loadElevenLabs } from '../../electron/engine/pipeline/tts/elevenlabs-sdk.ts';
import { ElevenLabsTextToSpeech, formatFor, type ElevenLabsSettings } from '../../electron/engine/pipeline/tts/elevenlabs.ts';
import { Interrupted } from '../../electron/engine/pipeline/stage-error.ts';
import { single, speak } from '../../electron/engine/pipeline/tts/tts.ts';
import { FakeElevenLabs } from '../fakes/fake-elevenlabs.ts';
import { speechFor } from '../fakes/fake-openai.ts';
import { until } from './support/live.ts';

let stand: FakeElevenLabs;
let settings: ElevenLabsSettings;
beforeAll(async () => {
  await loadElevenLabs(); // as the engine does once ElevenLabs is chosen: its load is no turn's business
  stand = await new FakeElevenLabs().start();
  settings = { apiKey: 'el-test-key-0001', voiceId: 'JBFqnCBsd6RMkjVDRZzb', model: 'eleven_flash_v2_5', baseUrl: stand.baseUrl, timeoutMs: 8000 };
});
afterAll(() => stand.stop());

async function all(chunks: AsyncIterable<Int16Array>): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

describe('ElevenLabs text-to-speech', () => {
  it.each([
    [8000, 'ulaw_8000'],
    [16000, 'pcm_16000'],
    [24000, 'pcm_24000'],
  ])('asks for the format nearest a %i Hz line (%s) and yields it as PCM at that rate', async (lineRate, format) => {
    const tts = new ElevenLabsTextToSpeech(settings);
    const text = 'Your order left on Monday.';
    const samples = await all(tts.synthesize(text, new AbortController().signal, lineRate));

    const request = stand.requests.at(-1)!;
    expect(request).toMatchObject({ voiceId: 'JBFqnCBsd6RMkjVDRZzb', outputFormat: format, apiKey: 'el-test-key-0001', body: { text, model_id: 'eleven_flash_v2_5' } });
    expect(formatFor(lineRate)).toBe(format);
    expect(tts.rateFor(lineRate)).toBe(lineRate);
    const sent = speechFor(text, lineRate);
    // μ-law is what the phone line carries anyway: decoding it gives back exactly what was sent.
    expect(samples).toEqual(format === 'ulaw_8000' ? decodeG711(encodeUlaw(sent), ULAW_TO_PCM) : sent);
  });

  it('goes through the stage untouched: one request per sentence, no resampling', async () => {
    const before = stand.requests.length;
    const tts = new ElevenLabsTextToSpeech(settings);
    let audio = 0;
    for await (const piece of speak(tts, single('Sure. It left on Monday.'), new AbortController().signal, { outputRate: 16000, timeoutMs: 8000 })) {
      if (piece.kind === 'audio') audio += piece.samples.length;
    }
    const asked = stand.requests.slice(before);
    expect(asked.map((r) => [r.body.text, r.outputFormat])).toEqual([
      ['Sure.', 'pcm_16000'],
      ['It left on Monday.', 'pcm_16000'],
    ]);
    expect(audio).toBe(speechFor('Sure.', 16000).length + speechFor('It left on Monday.', 16000).length);
  });

  it('ends the HTTP request when the turn is cut mid-sentence', async () => {
    const slow = await new FakeElevenLabs({ pieceMs: 100 }).start(); // real time: still streaming when cut
    try {
      const tts = new ElevenLabsTextToSpeech({ ...settings, baseUrl: slow.baseUrl });
      const turn = new AbortController();
      let audio = 0;
      const speaking = (async () => {
        for await (const piece of speak(tts, single('This answer is long enough to be cut while it is still being spoken.'), turn.signal, { outputRate: 8000, timeoutMs: 8000 })) {
          if (piece.kind === 'audio') audio += piece.samples.length;
        }
      })().catch((e: unknown) => e);
      await until(() => audio > 0 || undefined, 5000, 'the first audio');
      turn.abort(new Interrupted('barge-in'));

      expect(await speaking).toBeInstanceOf(Interrupted);
      await until(() => slow.requests[0]!.aborted, 2000, 'the stand-in to see the request aborted');
      expect(audio).toBeLessThan(speechFor('This answer is long enough to be cut while it is still being spoken.', 8000).length);
    } finally {
      await slow.stop();
    }
  });
});
