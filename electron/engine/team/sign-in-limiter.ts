// Slows password guessing: at most `perAccount` attempts per account name and `perAddress` per
// address in any window of `windowMs`; a successful sign-in clears its account's count. Attempts over
// the limit are refused before the password is even hashed (429 with Retry-After), so a brute force
// costs the server little and gets `perAccount` guesses a minute at most.

export interface LimiterOptions {
  windowMs: number;
  perAccount: number;
  perAddress: number;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

export const DEFAULT_LIMITS: LimiterOptions = { windowMs: 60_000, perAccount: 5, perAddress: 20 };

/** At most this many names and addresses are tracked; only those whose window has passed are forgotten. */
const MAX_KEYS = 10_000;

export class SignInLimiter {
  private readonly attempts = new Map<string, number[]>();
  private readonly options: LimiterOptions;
  private readonly now: () => number;

  constructor(options: Partial<LimiterOptions> = {}) {
    this.options = { ...DEFAULT_LIMITS, ...options };
    this.now = options.now ?? Date.now;
  }

  /**
   * Counts an attempt for `name` from `address`; returns undefined when it may go ahead, else the
   * seconds to wait before the next one may.
   */
  attempt(name: string, address: string): number | undefined {
    const now = this.now();
    const accountKey = `n:${name.toLowerCase()}`;
    const peerKey = `a:${address}`;
    const account = this.recent(accountKey, now);
    const peer = this.recent(peerKey, now);
    const waits: number[] = [];
    if (account.length >= this.options.perAccount) waits.push(account[0]! + this.options.windowMs - now);
    if (peer.length >= this.options.perAddress) waits.push(peer[0]! + this.options.windowMs - now);
    if (waits.length) return Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    // Full of names still counting (a flood of made-up names): refuse rather than forget a victim's count.
    if (!this.count(accountKey, now) || !this.count(peerKey, now)) return Math.ceil(this.options.windowMs / 1000);
    return undefined;
  }

  /** A right password: the account's failed attempts no longer count against it. */
  succeeded(name: string): void {
    this.attempts.delete(`n:${name.toLowerCase()}`);
  }

  /** The attempts within the window (never adds a key: refused attempts cost no memory). */
  private recent(key: string, now: number): readonly number[] {
    const list = this.attempts.get(key);
    if (!list) return [];
    while (list.length && list[0]! <= now - this.options.windowMs) list.shift();
    if (!list.length) this.attempts.delete(key);
    return list;
  }

  /** Counts an attempt; false when every tracked key is still counting and there is no room. */
  private count(key: string, now: number): boolean {
    let list = this.attempts.get(key);
    if (!list) {
      if (this.attempts.size >= MAX_KEYS) this.forgetExpired(now);
      if (this.attempts.size >= MAX_KEYS) return false;
      list = [];
      this.attempts.set(key, list);
    }
    list.push(now);
    return true;
  }

  private forgetExpired(now: number): void {
    for (const key of [...this.attempts.keys()]) this.recent(key, now);
  }
}
