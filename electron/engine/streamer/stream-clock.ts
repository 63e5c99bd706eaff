// One timer for every bound stream (not one per call): each tick tells the streams the time, so a
// stream that has gone quiet hands on the silence that time shows (caller-timeline.ts). A tick that
// comes late (the event loop was held up) is skipped: frames that arrived meanwhile are still
// waiting to be read, and the stream is not quiet; the next tick on time catches up.

export interface Ticking {
  /** `now`: ms since the epoch, on the clock's `now`. Must return quickly and not throw. */
  tick(now: number): void;
}

export const TICK_MS = 20;
/** A tick this much overdue means the event loop was held up (the shortest quiet a stream notices). */
const LATE_MS = 100;

export class StreamClock {
  /** Ms since the epoch (tests pass a clock they hold still or move). */
  readonly now: () => number;
  private readonly streams = new Set<Ticking>();
  private timer: NodeJS.Timeout | undefined;
  private lastTick = 0;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  add(stream: Ticking): void {
    this.streams.add(stream);
    if (!this.timer) {
      this.lastTick = performance.now();
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.timer.unref();
    }
  }

  delete(stream: Ticking): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const at = performance.now();
    const late = at - this.lastTick > TICK_MS + LATE_MS;
    this.lastTick = at;
    if (late) return;
    const now = this.now();
    for (const stream of this.streams) stream.tick(now);
  }
}
