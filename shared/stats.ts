// The wallboard's figures (`GET /api/stats?from=&to=`): computed from the store for the calls that
// started in [from, to), plus the calls live now. Definitions (electron/engine/store/call-stats.ts):
// - a bot call: the voice bot answered it (its first mode was `bot`; with no mode stored, the bot took turns);
// - contained: a bot call that ended without a person (no hand-off asked, never taken over, not transferred);
// - a hand-off asked: the bot asked for a person; taken: a supervisor took the call after that (the
//   take-over answers the ask; the bot itself turns to `human` mode as it asks, which is no take-over);
// - time to take over: from the ask to the take-over;
// - handle time: answer (or start) to end of ended, answered calls;
// - bot response: first bot audio after the caller stopped (each turn's `firstAudioMs`);
// - abandoned: ended unanswered or missed, or ended while waiting for a person nobody took.
// Percentiles are nearest-rank (the smallest value with at least p% of values at or under it).
import { z } from 'zod';

const isoTime = (name: string) =>
  z.iso.datetime({ offset: true, error: `${name} must be an ISO date and time, e.g. 2025-03-01T00:00:00Z` }).optional();

/** Both optional: `from` defaults to the engine's midnight today, `to` to now; at most 31 days. */
export const statsQuerySchema = z
  .strictObject({ from: isoTime('from'), to: isoTime('to') })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { error: 'from must be before to', path: ['from'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 31 * 24 * 3600_000, { error: 'from and to may be at most 31 days apart', path: ['to'] });
export type StatsQuery = z.infer<typeof statsQuerySchema>;

/** How many values, and their median and 95th percentile (undefined when there are none). */
export interface Spread {
  count: number;
  p50?: number;
  p95?: number;
}

export interface HourStats {
  /** The hour's start (ISO): `from` plus whole hours. */
  at: string;
  calls: number;
  handoffsAsked: number;
  abandoned: number;
  /** Bot response p95 of the hour's turns, in ms. */
  latencyP95Ms?: number;
}

export interface Stats {
  from: string;
  to: string;
  /** When these figures were computed. */
  at: string;
  now: {
    withBot: number;
    withPerson: number;
    /** Waiting for a person (the bot asked, nobody took the call yet). */
    onHold: number;
    /** The longest of those waits, in seconds (0 when nobody waits). */
    longestWaitSeconds: number;
  };
  calls: number;
  botCalls: number;
  contained: number;
  handoffsAsked: number;
  handoffsTaken: number;
  /** Seconds. */
  takeOverSeconds: Spread;
  /** Seconds. */
  handleSeconds: Spread;
  /** Milliseconds. */
  botLatencyMs: Spread;
  abandoned: number;
  hours: HourStats[];
}

/** Nearest-rank percentile of ascending `sorted` (undefined for none). */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (!sorted.length) return undefined;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, ...(sorted.length && { p50: percentile(sorted, 50), p95: percentile(sorted, 95) }) };
}
