// One call's audio on one timeline. The caller's audio (inbound, continuous) drives the clock;
// what the bot or supervisor sends is placed at "now" on that clock. Both are recorded as one stereo
// WAV (caller left, agent right) and measured into 20 ms peaks for the live waveform.
// This runs for every 20 ms frame of every streamed call, so it avoids allocating per frame.
import { PEAK_WINDOW_MS, PeakMeter } from './levels.ts';
import { WavWriter } from './wav.ts';

export interface PeakBatch {
  /** Where the first peak starts, in ms since the call's audio began. */
  startMs: number;
  caller: number[];
  agent: number[];
}

/** Stereo frames per block handed to the file: half a second at 8 kHz. */
const BLOCK_FRAMES = 4000;
/** Blocks written to disk come back for reuse (they would otherwise be garbage every half second). */
const POOL_SIZE = 6;

export class CallRecorder {
  readonly sampleRate: number;
  private writer: WavWriter | undefined;
  private readonly opening: Promise<void>;
  /** Full blocks of stereo frames not yet handed to the file (it opens asynchronously). */
  private unwritten: Int16Array[] = [];
  private block: Int16Array = new Int16Array(BLOCK_FRAMES * 2);
  private blockFrames = 0;
  private readonly pool: Int16Array[] = [];
  /** Stereo frames recorded so far: the timeline's "now". */
  private frames = 0;
  /** Agent samples not yet mixed, the first one at timeline index `agentStart`. */
  private agent: Int16Array = new Int16Array(0);
  private agentStart = 0;
  private readonly callerMeter: PeakMeter;
  private readonly agentMeter: PeakMeter;
  private callerPeaks: number[] = [];
  private agentPeaks: number[] = [];
  private peaksTaken = 0;
  /**
   * While true, the file gets silence (both channels) instead of the call's audio: a caller giving
   * a card number is never recorded. Listen-in and the live waveform go on.
   */
  paused = false;
  /** Gets each stretch of mixed stereo frames as it is recorded (listen-in); valid only during the call. */
  onMixed: ((frames: Int16Array) => void) | undefined;

  constructor(sampleRate: number, recordingPath: string | undefined, onError: (error: Error) => void) {
    this.sampleRate = sampleRate;
    this.callerMeter = new PeakMeter(sampleRate);
    this.agentMeter = new PeakMeter(sampleRate);
    this.opening = recordingPath
      ? WavWriter.open(recordingPath, sampleRate, 2).then(
          (writer) => {
            this.writer = writer;
            writer.onWritten = (block) => {
              if (block.length === BLOCK_FRAMES * 2 && this.pool.length < POOL_SIZE) this.pool.push(block);
            };
          },
          (error: Error) => onError(error),
        )
      : Promise.resolve();
  }

  get durationSeconds(): number {
    return this.frames / this.sampleRate;
  }

  /** Caller audio, in order; advances the timeline and mixes in the agent audio that lines up. */
  pushCaller(samples: Int16Array): void {
    const n = samples.length;
    if (n === 0) return;
    // Pending agent audio never starts before "now"; `at` is where it starts within these n frames.
    const at = this.agentStart - this.frames;
    const overlap = this.agent.length > 0 ? Math.max(0, Math.min(this.agent.length, n - at)) : 0;
    const agentPart = overlap > 0 ? this.agent.subarray(0, overlap) : undefined;

    this.callerMeter.push(samples, this.callerPeaks);
    if (agentPart) {
      this.agentMeter.pushSilence(at, this.agentPeaks);
      this.agentMeter.push(agentPart, this.agentPeaks);
      this.agentMeter.pushSilence(n - at - overlap, this.agentPeaks);
    } else {
      this.agentMeter.pushSilence(n, this.agentPeaks);
    }

    for (let i = 0; i < n; ) {
      const room = Math.min(n - i, BLOCK_FRAMES - this.blockFrames);
      const block = this.block; // blocks start as zeros: the agent channel is silent unless written
      const base = this.blockFrames * 2;
      for (let j = 0; j < room; j++) block[base + j * 2] = samples[i + j]!;
      if (agentPart) {
        for (let j = Math.max(0, at - i); j < room && i + j - at < overlap; j++) block[base + j * 2 + 1] = agentPart[i + j - at]!;
      }
      this.blockFrames += room;
      i += room;
      this.onMixed?.(block.subarray(base, this.blockFrames * 2));
      if (this.paused) block.fill(0, base, this.blockFrames * 2);
      if (this.blockFrames === BLOCK_FRAMES) this.takeBlock();
    }
    this.frames += n;
    if (overlap > 0) {
      this.agent = this.agent.subarray(overlap);
      this.agentStart += overlap;
    }
  }

  /** Agent audio (already at this call's rate), heard from the current timeline position on. */
  pushAgent(samples: Int16Array): void {
    if (samples.length === 0) return;
    if (this.agent.length === 0) {
      this.agent = samples.slice();
      this.agentStart = this.frames;
      return;
    }
    // Queued right after what is already waiting: back-to-back speech stays back to back.
    const joined = new Int16Array(this.agent.length + samples.length);
    joined.set(this.agent);
    joined.set(samples, this.agent.length);
    this.agent = joined;
  }

  /** Peaks measured since the last call, or undefined when there are none. */
  takePeaks(): PeakBatch | undefined {
    const count = Math.min(this.callerPeaks.length, this.agentPeaks.length);
    if (count === 0) return undefined;
    const batch = {
      startMs: this.peaksTaken * PEAK_WINDOW_MS,
      caller: this.callerPeaks.splice(0, count),
      agent: this.agentPeaks.splice(0, count),
    };
    this.peaksTaken += count;
    return batch;
  }

  async flush(): Promise<void> {
    if (this.blockFrames > 0) this.takeBlock();
    await this.opening;
    const blocks = this.unwritten;
    this.unwritten = [];
    if (!this.writer) return;
    for (const block of blocks) this.writer.append(block);
    await this.writer.flush();
  }

  /**
   * Silences what was recorded from `fromMs` (ms since the call's audio began) to now, on disk:
   * the card number a transcript just showed was said before anyone knew to pause.
   */
  async silenceSince(fromMs: number): Promise<void> {
    const from = Math.max(0, Math.floor((fromMs * this.sampleRate) / 1000));
    const to = this.frames;
    await this.flush();
    await this.writer?.silence(from * 4, to * 4); // 4 bytes per stereo frame
  }

  /** Writes whatever agent audio is left past the caller's end, then closes the file. */
  async close(): Promise<void> {
    const tail = this.agentStart + this.agent.length - this.frames;
    if (tail > 0) this.pushCaller(new Int16Array(tail));
    await this.flush();
    await this.writer?.close();
    this.writer = undefined;
  }

  private takeBlock(): void {
    this.unwritten.push(this.blockFrames === BLOCK_FRAMES ? this.block : this.block.slice(0, this.blockFrames * 2));
    if (this.blockFrames === BLOCK_FRAMES) this.block = this.pool.pop()?.fill(0) ?? new Int16Array(BLOCK_FRAMES * 2);
    else this.block.fill(0, 0, this.blockFrames * 2);
    this.blockFrames = 0;
  }
}
