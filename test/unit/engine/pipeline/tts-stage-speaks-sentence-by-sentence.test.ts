// The text-to-speech stage every vendor shares (pipeline/tts/tts.ts): streamed text is spoken
// sentence by sentence as each completes, the vendor's audio comes out at the line's rate, the
// first byte is timed once, a stalled vendor is a failure of "text-to-speech", and an abort stops it.
// The vendor here is the smallest one: a class implementing `TextToSpeech`, as a new vendor would.
import { describe, expect, it } from 'vitest';
import { Channel } from '../../../../electron/engine/pipeline/channel.ts';
import { Interrupted, StageError } from '../../../../electron/engine/pipeline/stage-error.ts';
import { single, speak, type SpeechPiece, type TextToSpeech } from '../../../../electron/engine/pipeline/tts/tts.ts';

/**
 * A vendor at 24 kHz (or, `native`, at the line's own rate) that says 10 ms of tone per character,
 * in two chunks; or never answers.
 */
class ToneVendor implements TextToSpeech {
  readonly asked: string[] = [];
  stall = false;
  native = false;
  rateFor(lineRate: number): number {
    return this.native ? lineRate : 24000;
  }
  async *synthesize(text: string, signal: AbortSignal, lineRate: number): AsyncGenerator<Int16Array> {
    this.asked.push(text);
    if (this.stall) await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const samples = new Int16Array((this.rateFor(lineRate) / 100) * text.length).fill(1000);
    yield samples.subarray(0, 100);
    yield samples.subarray(100);
  }
}

async function collect(pieces: AsyncIterable<SpeechPiece>): Promise<{ sentences: string[]; samples: number[] }> {
  const out = { sentences: [] as string[], samples: [] as number[] };
  for await (const piece of pieces) {
    if (piece.kind === 'sentence') {
      out.sentences.push(piece.text);
      out.samples.push(0);
    } else out.samples[out.samples.length - 1]! += piece.samples.length;
  }
  return out;
}

describe('the text-to-speech stage', () => {
  it('speaks each sentence as it completes, resampled to the line’s rate, timing the first byte once', async () => {
    const vendor = new ToneVendor();
    const text = new Channel<string>();
    let firstBytes = 0;
    const spoken = collect(speak(vendor, text, new AbortController().signal, { outputRate: 8000, timeoutMs: 5000, firstByte: () => firstBytes++ }));
    text.push('Sure. Let me ');
    text.push('check that.');
    text.close();
    const { sentences, samples } = await spoken;
    expect(sentences).toEqual(['Sure.', 'Let me check that.']);
    expect(vendor.asked).toEqual(sentences);
    // 10 ms per character at 8 kHz: 80 samples each, give or take the resampler's rounding.
    expect(samples[0]).toBeCloseTo(80 * 'Sure.'.length, -1);
    expect(samples[1]).toBeCloseTo(80 * 'Let me check that.'.length, -1);
    expect(firstBytes).toBe(1);
  });

  it('passes audio through untouched when the vendor speaks at the line’s rate', async () => {
    const vendor = Object.assign(new ToneVendor(), { native: true });
    const { samples } = await collect(speak(vendor, single('Hello there.'), new AbortController().signal, { outputRate: 16000, timeoutMs: 5000 }));
    expect(samples).toEqual([160 * 'Hello there.'.length]); // exactly: no resampler in the way
  });

  it('reports a vendor that stays silent past the timeout as a text-to-speech failure', async () => {
    const vendor = Object.assign(new ToneVendor(), { stall: true });
    const failure = await collect(speak(vendor, (async function* () { yield 'Hello.'; })(), new AbortController().signal, { outputRate: 8000, timeoutMs: 30 })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StageError);
    expect(failure).toMatchObject({ stage: 'text-to-speech', message: 'no answer within 30 ms' });
  });

  it('stops with the turn’s own reason when the turn is cut', async () => {
    const vendor = Object.assign(new ToneVendor(), { stall: true });
    const turn = new AbortController();
    const speaking = collect(speak(vendor, (async function* () { yield 'Hello.'; })(), turn.signal, { outputRate: 8000, timeoutMs: 60_000 })).catch((e: unknown) => e);
    await new Promise((r) => setImmediate(r));
    turn.abort(new Interrupted('barge-in'));
    expect(await speaking).toBeInstanceOf(Interrupted);
  });
});
