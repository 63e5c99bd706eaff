// The caller's audio in real time. A source that suppresses silence (RFC 3551 §4.1, RFC 3389)
// sends nothing while the caller is quiet, and the call's audio (recording, waveform, the bot's
// turn-taking) must not stall meanwhile: once nothing has arrived for a while, the silence that
// wall-clock time shows is handed on as it passes. When the source resumes, its own timing (RTP
// timestamps) says how long the silence really was: only what the wall clock has not already
// filled is added, so the audio keeps the source's time, and a timestamp jump too large to be
// silence is a new timeline, not hours of it.

/**
 * No audio for this long means the caller went quiet, once the source has shown it suppresses
 * silence (comfort noise, or a timestamp gap of at least this much). Until then a pause is more
 * likely the network holding packets back, and filling it would make the call's audio longer than
 * the source's: an RTP source gets `RTP_PAUSE_MS`, a source without timestamps (JSON, raw PCM,
 * which never suppress silence) `UNTIMED_PAUSE_MS`. Each is at least 2.5 frames.
 */
export const QUIET_AFTER_MS = 100;
export const RTP_PAUSE_MS = 300;
export const UNTIMED_PAUSE_MS = 1000;
/** The most silence handed on at once: a larger jump (or a clock that leapt) is a resync. */
export const MAX_SILENCE_MS = 10_000;

export class CallerTimeline {
  private readonly emit: (samples: Int16Array, sampleRate: number) => void;
  private zeros = new Int16Array(1600);
  /** Hz of the audio so far; undefined before the first audio (nothing to fill then). */
  private rate: number | undefined;
  /** Wall-clock ms when the source last brought the timeline up to date (audio or comfort noise). */
  private lastAt = 0;
  /** Samples of silence filled since `lastAt`. */
  private filled = 0;
  /** Ms of the last frame, for the quiet threshold. */
  private frameMs = 20;
  /** Ms of silence filled from the wall clock that the source's timing has not yet accounted for. */
  private aheadMs = 0;
  private stopped = false;
  /** Whether the source has timestamps (RTP), and whether it has shown it suppresses silence. */
  private timed = false;
  private suppresses = false;

  /** `emit`: where the audio and silence go (the call's sink), in order. */
  constructor(emit: (samples: Int16Array, sampleRate: number) => void) {
    this.emit = emit;
  }

  /** Audio from the source, received at `now` (ms); `timed`: the source has timestamps (RTP). */
  audio(samples: Int16Array, sampleRate: number, now: number, timed = false): void {
    if (samples.length === 0) return;
    if (this.rate !== undefined && this.rate !== sampleRate) this.aheadMs = 0;
    this.rate = sampleRate;
    this.timed = timed;
    this.frameMs = (samples.length * 1000) / sampleRate;
    this.caughtUp(now);
    this.emit(samples, sampleRate);
  }

  /**
   * The source's timing shows `samples` of silence (at `sampleRate`) before what comes next: a
   * timestamp gap, lost packets, comfort noise. What the wall clock already filled is taken off;
   * more than `MAX_SILENCE_MS` still missing is a jump, and nothing is added. `now`: ms.
   */
  silence(samples: number, sampleRate: number, now: number): void {
    if (samples <= 0) return;
    const ms = (samples * 1000) / sampleRate;
    if (ms >= QUIET_AFTER_MS) this.suppresses = true;
    const missingMs = ms - this.aheadMs;
    this.aheadMs = Math.max(0, this.aheadMs - ms);
    this.caughtUp(now);
    if (missingMs <= 0) return;
    if (missingMs > MAX_SILENCE_MS) {
      this.aheadMs = 0;
      return;
    }
    this.rate ??= sampleRate;
    this.zerosOut(Math.round((missingMs * sampleRate) / 1000), sampleRate);
  }

  /** The source is alive but its silence has no samples yet (a comfort-noise packet): the quiet starts now. */
  quietFrom(now: number): void {
    this.suppresses = true;
    this.caughtUp(now);
  }

  /**
   * The shared clock's tick (`now`: ms): past the quiet threshold since the source last spoke, the
   * silence since then that has not been handed on yet.
   */
  tick(now: number): void {
    const rate = this.rate;
    if (rate === undefined || this.stopped) return;
    const quietMs = now - this.lastAt;
    const pauseMs = this.suppresses ? QUIET_AFTER_MS : this.timed ? RTP_PAUSE_MS : UNTIMED_PAUSE_MS;
    if (quietMs < Math.max(pauseMs, 2.5 * this.frameMs)) return;
    let due = Math.floor((quietMs * rate) / 1000) - this.filled;
    if (due <= 0) return;
    const most = (MAX_SILENCE_MS * rate) / 1000;
    if (due > most) {
      // The clock leapt (a suspended machine): skip what cannot have been a live call's silence.
      this.filled += due - most;
      due = most;
    }
    this.filled += due;
    this.aheadMs += (due * 1000) / rate;
    this.zerosOut(due, rate);
  }

  /** The source said it stopped (or the stream ended): no more silence is filled. */
  stop(): void {
    this.stopped = true;
  }

  private caughtUp(now: number): void {
    this.lastAt = now;
    this.filled = 0;
  }

  /** `count` samples of silence, in pieces of at most `zeros.length`. */
  private zerosOut(count: number, sampleRate: number): void {
    const piece = Math.min(count, Math.ceil(sampleRate / 5)); // at most 200 ms a call
    if (this.zeros.length < piece) this.zeros = new Int16Array(piece);
    for (let left = count; left > 0; ) {
      const n = Math.min(left, piece);
      const zeros = this.zeros.subarray(0, n);
      zeros.fill(0); // a sink may not write into it, but a stray write must not become noise
      this.emit(zeros, sampleRate);
      left -= n;
    }
  }
}
