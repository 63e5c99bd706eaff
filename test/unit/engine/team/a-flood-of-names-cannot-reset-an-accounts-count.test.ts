// The per-account limit holds however many other names an attacker tries: made-up names from
// another address must not push the victim's count out of the limiter (40 guesses a minute got
// through when the oldest keys were forgotten first).
import { describe, expect, it } from 'vitest';
import { SignInLimiter } from '../../../../electron/engine/team/sign-in-limiter.ts';

describe('the sign-in limiter', () => {
  it('keeps counting an account while 20,000 made-up names arrive from other addresses', () => {
    let now = 1_000_000;
    const limiter = new SignInLimiter({ windowMs: 60_000, perAccount: 5, perAddress: 20, now: () => now });
    let checked = 0;
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 6; i++) if (limiter.attempt('Vic Viewer', '127.0.0.9') === undefined) checked++;
      for (let i = 0; i < 2500; i++) limiter.attempt(`flood-${round}-${i}`, `127.0.${round}.${i % 250}`);
      now += 5_000;
    }
    expect(checked).toBe(5); // 40 s in: still one window, five guesses
  });

  it('forgets names whose window has passed, so real people are never locked out by old floods', () => {
    let now = 0;
    const limiter = new SignInLimiter({ windowMs: 60_000, perAccount: 5, perAddress: 100_000, now: () => now });
    for (let i = 0; i < 10_000; i++) limiter.attempt(`old-${i}`, 'flood');
    now += 61_000;
    expect(limiter.attempt('Alice', '127.0.0.1')).toBeUndefined();
  });
});
