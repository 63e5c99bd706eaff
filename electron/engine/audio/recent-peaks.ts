// The last minute of a call's waveform peaks, so a console that opens a call running for minutes
// draws its recent audio at once instead of an empty waveform. Peaks are 0–100: a byte each, in a
// ring per channel (2 × 3000 bytes per call).
import type { PeakBatch } from './call-recorder.ts';
import { PEAK_WINDOW_MS } from './levels.ts';

/** How much of a call's waveform a console gets when it opens: a minute, what the page draws. */
export const RECENT_PEAKS_MS = 60_000;

export class RecentPeaks {
  private readonly capacity: number;
  private readonly caller: Uint8Array;
  private readonly agent: Uint8Array;
  /** Peaks kept so far, since the call's audio began (the newest at index (count - 1) % capacity). */
  private count = 0;
  /** Where the peak numbered `count` starts, in ms since the call's audio began. */
  private endMs = 0;

  constructor(keepMs = RECENT_PEAKS_MS) {
    this.capacity = Math.max(1, Math.round(keepMs / PEAK_WINDOW_MS));
    this.caller = new Uint8Array(this.capacity);
    this.agent = new Uint8Array(this.capacity);
  }

  /** Keeps a batch (batches come in order and back to back, as the recorder hands them out). */
  push({ startMs, caller, agent }: PeakBatch): void {
    for (let i = 0; i < caller.length; i++) {
      const at = this.count % this.capacity;
      this.caller[at] = caller[i]!;
      this.agent[at] = agent[i] ?? 0;
      this.count++;
    }
    this.endMs = startMs + caller.length * PEAK_WINDOW_MS;
  }

  /** The peaks kept, oldest first, as one batch; undefined before the first. */
  recent(): PeakBatch | undefined {
    const n = Math.min(this.count, this.capacity);
    if (n === 0) return undefined;
    const caller = new Array<number>(n);
    const agent = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const from = (this.count - n + i) % this.capacity;
      caller[i] = this.caller[from]!;
      agent[i] = this.agent[from]!;
    }
    return { startMs: this.endMs - n * PEAK_WINDOW_MS, caller, agent };
  }
}
