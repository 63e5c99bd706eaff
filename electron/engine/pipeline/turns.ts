// Turn-taking from VAD frames. Speech starts at the first speech frame; it is "confirmed" once it
// holds `minSpeechMs` of confident speech (shorter is a backchannel: "mm-hm" must not stop the bot);
// it ends after `hangoverMs` of silence. Hysteresis: speech starts above 0.5 and lasts until the
// probability drops below 0.35, but only frames above 0.5 count towards confirming it.
//
// On a quiet line the end is found more precisely from the raw audio, in 4 ms blocks: speech ends
// at the last block above the line's noise floor, and the turn ends `hangoverMs` later (checked on
// every packet, not every 32 ms frame) unless the VAD heard confident speech since. The VAD frames
// alone lag the real end by up to two frames; on a noisy line they decide, as before.
import type { VadFrame } from '../audio/vad.ts';

export interface TurnOptions {
  frameMs: number;
  hangoverMs: number;
  minSpeechMs: number;
  /** Audio kept from before the first speech frame, so speech-to-text gets the onset. */
  preRollMs?: number;
  positive?: number;
  negative?: number;
}

export interface SpeechSegment {
  /** Timeline positions, in ms since the first frame. */
  startMs: number;
  endMs: number;
  /** Pre-roll, the speech, and a short tail. */
  audio: Int16Array;
  /** It lasted at least `minSpeechMs`. */
  confirmed: boolean;
}

export interface TurnEvents {
  speechStart?(startMs: number): void;
  /** Speech has lasted `minSpeechMs`: a barge-in, if the bot is talking. */
  speechConfirmed?(startMs: number, atMs: number): void;
  speechEnd?(segment: SpeechSegment): void;
}

const TAIL_MS = 100;
const BLOCK_MS = 4;
/** Blocks this loud are speech whatever the noise floor; quieter lines use 4× their floor. */
const MIN_LOUD_RMS = 60;

export class TurnDetector {
  private readonly options: Required<TurnOptions>;
  private readonly events: TurnEvents;
  private at = 0;
  private speaking = false;
  private confirmed = false;
  private startMs = 0;
  private lastSpeechEndMs = 0;
  private confidentMs = 0;
  private recent: Int16Array[] = [];
  private segment: Int16Array[] = [];
  /** Raw audio timeline (ahead of the frames), the end of its last loud block, and the floor. */
  private rawMs = 0;
  private lastLoudMs = 0;
  private carry: Int16Array = new Int16Array(0);
  private noiseFloor = 0;
  /** End of the last frame with confident speech. */
  private lastConfidentMs = 0;
  /** Frames up to here belong to a turn the raw audio already ended: they start nothing. */
  private endedThroughMs = 0;

  constructor(options: TurnOptions, events: TurnEvents) {
    this.options = { preRollMs: 300, positive: 0.5, negative: 0.35, ...options };
    this.events = events;
  }

  /** True between the first speech frame and the end of the hangover. */
  get inSpeech(): boolean {
    return this.speaking;
  }

  /**
   * The raw audio, in order, as it arrives (before the VAD has framed it): refines the end of
   * speech on quiet lines. Optional: without it, frames alone decide.
   */
  audio(samples: Int16Array, sampleRate: number): void {
    const block = Math.round((sampleRate * BLOCK_MS) / 1000);
    let joined = samples;
    if (this.carry.length) {
      joined = new Int16Array(this.carry.length + samples.length);
      joined.set(this.carry);
      joined.set(samples, this.carry.length);
    }
    const loud = Math.max(MIN_LOUD_RMS, 4 * this.noiseFloor) ** 2 * block;
    let at = 0;
    for (; at + block <= joined.length; at += block) {
      let energy = 0;
      for (let i = at; i < at + block; i++) energy += joined[i]! * joined[i]!;
      this.rawMs += BLOCK_MS;
      if (energy > loud) this.lastLoudMs = this.rawMs;
    }
    this.carry = joined.slice(at);
    const { hangoverMs, frameMs } = this.options;
    // The VAD's verdict trails the audio by about a frame: the frame after the last loud block may
    // still be confident. Confident speech any later means the caller is still talking, softly.
    const confidentSince = this.lastConfidentMs > this.lastLoudMs + 2 * frameMs;
    if (this.speaking && this.lastLoudMs > this.startMs && this.rawMs - this.lastLoudMs >= hangoverMs && !confidentSince) {
      this.lastSpeechEndMs = Math.min(this.lastSpeechEndMs, this.lastLoudMs);
      this.endedThroughMs = this.rawMs;
      this.finish();
    }
  }

  frame({ probability, samples }: VadFrame): void {
    const { frameMs, hangoverMs, minSpeechMs, positive, negative, preRollMs } = this.options;
    const start = this.at;
    this.at += frameMs;
    if (probability < 0.1) this.learnFloor(samples);
    if (!this.speaking) {
      this.recent.push(samples);
      if (this.recent.length * frameMs > preRollMs + frameMs) this.recent.shift();
      if (probability < positive || this.at <= this.endedThroughMs) return;
      this.speaking = true;
      this.confirmed = false;
      this.confidentMs = frameMs;
      this.startMs = start;
      this.lastSpeechEndMs = this.at;
      this.lastConfidentMs = this.at;
      this.segment = [...this.recent];
      this.recent = [];
      this.events.speechStart?.(start);
      return;
    }
    this.segment.push(samples);
    if (probability >= negative) {
      this.lastSpeechEndMs = this.at;
      if (probability >= positive) {
        this.confidentMs += frameMs;
        this.lastConfidentMs = this.at;
      }
      if (!this.confirmed && this.confidentMs >= minSpeechMs) {
        this.confirmed = true;
        this.events.speechConfirmed?.(this.startMs, this.at);
      }
      return;
    }
    if (this.at - this.lastSpeechEndMs < hangoverMs) return;
    this.finish();
  }

  /** Ends a segment in progress now (the stream closed, or the bot must listen afresh). */
  flush(): void {
    if (this.speaking) this.finish();
  }

  /** The line's noise floor (RMS), a slow average over frames the VAD calls silence. */
  private learnFloor(samples: Int16Array): void {
    let energy = 0;
    for (const v of samples) energy += v * v;
    const rms = Math.sqrt(energy / samples.length);
    this.noiseFloor = this.noiseFloor === 0 ? rms : this.noiseFloor * 0.95 + rms * 0.05;
  }

  private finish(): void {
    const { frameMs } = this.options;
    // Keep the speech and a short tail of the silence that followed it.
    const keepFrames = this.segment.length - Math.max(0, Math.floor((this.at - this.lastSpeechEndMs - TAIL_MS) / frameMs));
    const kept = this.segment.slice(0, Math.max(1, keepFrames));
    const audio = new Int16Array(kept.reduce((n, f) => n + f.length, 0));
    let offset = 0;
    for (const f of kept) {
      audio.set(f, offset);
      offset += f.length;
    }
    const segment = { startMs: this.startMs, endMs: this.lastSpeechEndMs, audio, confirmed: this.confirmed };
    this.speaking = false;
    this.segment = [];
    this.recent = [];
    this.events.speechEnd?.(segment);
  }
}
