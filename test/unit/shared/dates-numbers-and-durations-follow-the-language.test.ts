// Dates, times, durations and numbers as each language writes them (Intl), for the console and
// the desktop shell alike.
import { describe, expect, it } from 'vitest';
import { formatsFor } from '../../../shared/i18n/format.ts';

const NOW = Date.parse('2026-11-23T10:05:09Z');
const en = formatsFor('en');
const fr = formatsFor('fr');

describe('formats', () => {
  it('write numbers and units the language’s way', () => {
    expect(en.number(12345.5, 1)).toBe('12,345.5');
    expect(fr.number(12345.5, 1)).toBe('12\u202f345,5');
    expect(en.unit(1.5, 'second', 1)).toBe('1.5 sec');
    expect(fr.unit(1.5, 'second', 1)).toBe('1,5\u202fs');
    expect(fr.unit(120, 'millisecond')).toMatch(/^120\s+ms$/u);
  });

  it('write dates and times the language’s way: day first and a 24-hour clock in French', () => {
    expect(fr.date(NOW)).toBe('23/11/2026');
    expect(en.date(NOW)).toBe('11/23/26');
    expect(fr.time(NOW)).toMatch(/^\d{2}:05:09$/);
    expect(en.time(NOW)).toMatch(/^\d{2}:05:09 (AM|PM)$/);
  });

  it('say how long ago, in words, then the day', () => {
    expect(en.ago(NOW - 3000, NOW)).toBe('3 sec. ago');
    expect(fr.ago(NOW - 3000, NOW)).toBe('il y a 3\u00a0s');
    expect(fr.ago(NOW - 5 * 60_000, NOW)).toBe('il y a 5\u00a0min');
    expect(fr.ago(NOW - 3 * 86_400_000, NOW)).toBe('20/11/2026');
  });

  it('keep call timers as clocks, the same in both languages', () => {
    expect(en.clock(65)).toBe('1:05');
    expect(fr.clock(3723)).toBe('1:02:03');
  });

  it('write lengths of time in words, short, the language’s way (Rang / Talked / Total)', () => {
    expect([0, 12, 65, 77, 3600, 3723].map(en.duration)).toEqual(['0s', '12s', '1m 5s', '1m 17s', '1h', '1h 2m 3s']);
    expect([0, 12, 65, 3723].map(fr.duration)).toEqual(['0s', '12s', '1min 5s', '1h 2min 3s']);
    // Whole seconds, never negative.
    expect(en.duration(64.6)).toBe('1m 5s');
    expect(en.duration(-3)).toBe('0s');
  });
});
