// Dates, times, durations and numbers as the reader's language writes them (Intl): "14:05:09" or
// "2:05:09 PM", "1 234,5" or "1,234.5", "il y a 3 min" or "3 min ago".
import type { Language } from './index.ts';

/** Formatting for one language; every function takes what the engine sends (ISO dates, numbers). */
export interface Formats {
  /** A whole or decimal number: 1,234.5 / 1 234,5. */
  number(value: number, digits?: number): string;
  /** A date and time: Nov 23, 2026, 10:05 AM / 23 nov. 2026, 10:05. */
  dateTime(iso: string | number): string;
  /** A time of day with seconds: 10:05:09 AM / 10:05:09. */
  time(iso: string | number): string;
  /** A day: 11/23/2026 / 23/11/2026. */
  date(iso: string | number): string;
  /** How long ago, from now: 3 min ago / il y a 3 min. */
  ago(iso: string | number, now: number): string;
  /** A length in a unit, short: 12 s, 1.5 s, 120 ms, 3 min. */
  unit(value: number, unit: 'second' | 'millisecond' | 'minute', digits?: number): string;
  /** A clock reading of seconds: 1:05, 1:02:03 (the same in both languages). */
  clock(seconds: number): string;
  /** A length of time in words, short: 1m 5s / 1min 5s, 12s, 1h 2m 3s (whole seconds). */
  duration(seconds: number): string;
}

/** Intl.DurationFormat (Chromium 129, Node 23), not yet in TypeScript's ES2024 library. */
type DurationFormatter = { format(duration: { hours?: number; minutes?: number; seconds: number }): string };
const DurationFormat = (Intl as unknown as { DurationFormat?: new (language: string, options: { style: 'narrow'; secondsDisplay?: 'always' }) => DurationFormatter }).DurationFormat;

function clock(total: number): string {
  const seconds = Math.max(0, Math.floor(total));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function formatsFor(language: Language): Formats {
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(language, { numeric: 'always', style: 'short' });
  const durations = DurationFormat ? new DurationFormat(language, { style: 'narrow' }) : undefined;
  // Without it, no time at all would be written as nothing.
  const noTime = DurationFormat ? new DurationFormat(language, { style: 'narrow', secondsDisplay: 'always' }).format({ seconds: 0 }) : '0:00';
  return {
    number: (value, digits = 0) => new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value),
    dateTime: (iso) => dateTime.format(new Date(iso)),
    time: (iso) => time.format(new Date(iso)),
    date: (iso) => date.format(new Date(iso)),
    ago(iso, now) {
      const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
      if (seconds < 60) return relative.format(-seconds, 'second');
      if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), 'minute');
      if (seconds < 86_400) return relative.format(-Math.floor(seconds / 3600), 'hour');
      return date.format(new Date(iso));
    },
    unit: (value, unit, digits = 0) =>
      new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value),
    clock,
    duration(total) {
      const seconds = Math.max(0, Math.round(total));
      // Where Intl cannot write a duration, a clock reading says the same.
      if (!durations) return clock(seconds);
      if (seconds === 0) return noTime;
      const h = Math.floor(seconds / 3600);
      const m = Math.floor((seconds % 3600) / 60);
      return durations.format({ ...(h && { hours: h }), ...((h || m) && { minutes: m }), seconds: seconds % 60 });
    },
  };
}
