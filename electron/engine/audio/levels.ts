// Waveform peaks: the loudest sample of each fixed window (20 ms by default), scaled to 0–100.

export const PEAK_WINDOW_MS = 20;

/** Accumulates samples and yields one peak per complete window. */
export class PeakMeter {
  private readonly window: number;
  private filled = 0;
  private max = 0;

  constructor(sampleRate: number, windowMs = PEAK_WINDOW_MS) {
    this.window = Math.max(1, Math.round((sampleRate * windowMs) / 1000));
  }

  /** Feeds one channel's samples; appends a peak to `out` for each window completed. */
  push(samples: Int16Array, out: number[]): void {
    const window = this.window;
    const n = samples.length;
    let max = this.max;
    let filled = this.filled;
    for (let i = 0; i < n; ) {
      const end = Math.min(n, i + window - filled);
      for (let j = i; j < end; j++) {
        const s = samples[j]!;
        const magnitude = s < 0 ? -s : s;
        if (magnitude > max) max = magnitude;
      }
      filled += end - i;
      i = end;
      if (filled === window) {
        out.push(Math.min(100, Math.round((max * 100) / 32768)));
        filled = 0;
        max = 0;
      }
    }
    this.max = max;
    this.filled = filled;
  }

  /** Feeds `count` samples of silence without looking at them. */
  pushSilence(count: number, out: number[]): void {
    let left = count;
    while (left > 0) {
      const take = Math.min(left, this.window - this.filled);
      this.filled += take;
      left -= take;
      if (this.filled === this.window) {
        out.push(Math.min(100, Math.round((this.max * 100) / 32768)));
        this.filled = 0;
        this.max = 0;
      }
    }
  }
}
