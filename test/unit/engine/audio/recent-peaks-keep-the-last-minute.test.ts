// A call's recent waveform peaks: the last minute of what was handed out, oldest first, with the
// position of its first peak; older peaks are dropped.
import { describe, expect, it } from 'vitest';
import { RECENT_PEAKS_MS, RecentPeaks } from '../../../../electron/engine/audio/recent-peaks.ts';

/** `count` peaks starting at peak number `first` (20 ms each); each peak's value is its number mod 101. */
const batch = (first: number, count: number) => {
  const values = Array.from({ length: count }, (_, i) => (first + i) % 101);
  return { startMs: first * 20, caller: values, agent: values.map((v) => 100 - v) };
};

describe('recent peaks', () => {
  it('have nothing before the first batch', () => {
    expect(new RecentPeaks().recent()).toBeUndefined();
  });

  it('give back what was kept, in order, when less than the window', () => {
    const recent = new RecentPeaks();
    recent.push(batch(0, 5));
    recent.push(batch(5, 3));
    expect(recent.recent()).toEqual(batch(0, 8));
  });

  it('keep only the last minute of a call running for minutes', () => {
    const recent = new RecentPeaks();
    const perMinute = RECENT_PEAKS_MS / 20;
    for (let first = 0; first < 3 * perMinute + 123; first += 5) recent.push(batch(first, 5));
    const kept = recent.recent()!;
    expect(kept.caller).toHaveLength(perMinute);
    expect(kept).toEqual(batch(2 * perMinute + 125, perMinute));
    expect(kept.startMs + kept.caller.length * 20).toBe((3 * perMinute + 125) * 20); // ends where the next batch starts
  });
});
