// A request budget per second (a token bucket): Ringover limits how many requests a key makes per
// second and answers 429 past it, so the client spaces its own requests instead of being refused.

export class RequestBudget {
  private tokens: number;
  private last: number;
  private readonly perSecond: number;
  private readonly now: () => number;
  private queue: Promise<void> = Promise.resolve();

  /** `perSecond`: requests allowed per second (also the burst); `now`: the clock, in ms. */
  constructor(perSecond: number, now: () => number = Date.now) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
    this.now = now;
    this.last = now();
  }

  /** Resolves when one more request fits in the budget; callers are served in the order they asked. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.wait(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await delay(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000), signal);
    }
  }
}

/** Waits `ms`; rejects early with the signal's reason when it aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
