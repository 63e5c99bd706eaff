// Lines a peer can trigger at will (a rejected webhook, a refused media server, a dropped frame)
// are summarised: the first of each kind in an interval is written, the rest are counted, and one
// line when the interval is over says how many. A flood of forgeries then costs the log two lines
// per kind per interval instead of one per request.

/** Kinds followed at once, at most; past that every pending count is written out first. */
const MAX_KINDS = 1000;

interface Pending {
  since: number;
  count: number;
  summarize: (count: number) => void;
}

export class RepeatedLines {
  private readonly kinds = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  readonly intervalMs: number;

  /** `now`: the clock, in ms (injected by tests); `intervalMs`: how long one summary covers. */
  constructor(now: () => number, intervalMs: number) {
    this.now = now;
    this.intervalMs = intervalMs;
  }

  /**
   * True when a line of `kind` should be written now (the first of its interval); false when it
   * was counted instead. `summarize(count)` writes the summary once the interval is over.
   */
  admit(kind: string, summarize: (count: number) => void): boolean {
    const now = this.now();
    const pending = this.kinds.get(kind);
    if (pending && now - pending.since < this.intervalMs) {
      pending.count++;
      this.schedule();
      return false;
    }
    if (pending) this.close(kind, pending);
    if (this.kinds.size >= MAX_KINDS) this.flush(true);
    this.kinds.set(kind, { since: now, count: 0, summarize });
    return true;
  }

  /** Writes the summary of every interval that is over (of every one, with `all`). */
  flush(all = false): void {
    const now = this.now();
    for (const [kind, pending] of this.kinds) if (all || now - pending.since >= this.intervalMs) this.close(kind, pending);
    if (this.kinds.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private close(kind: string, pending: Pending): void {
    this.kinds.delete(kind);
    if (pending.count > 0) pending.summarize(pending.count);
  }

  /** Summaries are due even when the flood stops: look twice per interval while any is pending. */
  private schedule(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.flush(), this.intervalMs / 2);
    this.timer.unref();
  }
}
