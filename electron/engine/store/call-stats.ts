// The wallboard's figures from the store (see shared/stats.ts for what each one counts): one query
// for the calls that started in the range, one for the few engine events each figure needs (the
// bot's mode changes, asks for a person, turn metrics), read with SQLite's JSON functions so no
// whole event is parsed; then one pass in memory.
import type { DatabaseSync } from 'node:sqlite';
import type { Call } from '../../../shared/call.ts';
import { spreadOf, type HourStats, type Stats } from '../../../shared/stats.ts';

const HOUR_MS = 3600_000;
const ABANDONED_OUTCOMES = new Set(['unanswered', 'missed', 'no-answer']);

interface CallEvents {
  /** Modes in order ('bot' | 'human'), with their times (ms). */
  modes: { mode: string; at: number }[];
  /** Times of the bot's asks for a person (ms). */
  asks: number[];
  /**
   * Times a supervisor took the call while it waited (ms): the take-over answers the ask with
   * `needsHuman: null`. Not a `human` mode: the bot itself turns to `human` as it asks, so a mode
   * counted every ask as taken, at once.
   */
  answered: number[];
  latencies: { ms: number; at: number }[];
}

/** One engine event a figure needs: its call, its name and time, and the one field each kind carries. */
export interface StatsEventRow {
  callId: string;
  name: string;
  at: string;
  mode: string | null;
  askedAt: string | null;
  /** `null` when the event answers an ask (`needsHuman: null`: a supervisor took the call). */
  needsHumanType: string | null;
  firstAudioMs: number | null;
}

export function callStats(db: DatabaseSync, from: Date, to: Date, now: Date, live: readonly Call[]): Stats {
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const calls = (db.prepare('SELECT call_json FROM calls WHERE started_at >= ? AND started_at < ?').all(fromIso, toIso) as { call_json: string }[]).map(
    (row) => JSON.parse(row.call_json) as Call,
  );
  const rows = db
    .prepare(
      `SELECT e.call_id AS callId, json_extract(e.event_json, '$.providerEvent') AS name, json_extract(e.event_json, '$.occurredAt') AS at,
              json_extract(e.event_json, '$.detail.mode') AS mode, json_extract(e.event_json, '$.detail.needsHuman.at') AS askedAt,
              json_type(e.event_json, '$.detail.needsHuman') AS needsHumanType,
              json_extract(e.event_json, '$.detail.metrics.firstAudioMs') AS firstAudioMs
         FROM calls c JOIN events e ON e.call_id = c.id
        WHERE c.started_at >= ? AND c.started_at < ?
          AND json_extract(e.event_json, '$.providerEvent') IN ('bot.mode', 'bot.needs-human', 'bot.turn')
        ORDER BY e.seq`,
    )
    .all(fromIso, toIso) as unknown as StatsEventRow[];
  return statsOf(calls, rows, from, to, now, live);
}

/**
 * The figures from the calls that started in [from, to), their engine events in stored order and
 * the calls live now: one pass in memory, the same whichever backend read them.
 */
export function statsOf(calls: readonly Call[], rows: readonly StatsEventRow[], from: Date, to: Date, now: Date, live: readonly Call[]): Stats {
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const byCall = new Map<string, CallEvents>();
  for (const row of rows) {
    const events = byCall.get(row.callId) ?? { modes: [], asks: [], answered: [], latencies: [] };
    byCall.set(row.callId, events);
    const at = Date.parse(row.at);
    if (row.name === 'bot.mode' && row.mode) events.modes.push({ mode: row.mode, at });
    else if (row.name === 'bot.needs-human' && row.askedAt) events.asks.push(Date.parse(row.askedAt) || at);
    else if (row.name === 'bot.needs-human' && row.needsHumanType === 'null') events.answered.push(at);
    else if (row.name === 'bot.turn' && typeof row.firstAudioMs === 'number') events.latencies.push({ ms: row.firstAudioMs, at });
  }

  const hours: HourStats[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += HOUR_MS) hours.push({ at: new Date(t).toISOString(), calls: 0, handoffsAsked: 0, abandoned: 0 });
  const hourLatencies = hours.map((): number[] => []);
  const hourOf = (ms: number) => Math.min(hours.length - 1, Math.max(0, Math.floor((ms - from.getTime()) / HOUR_MS)));

  let botCalls = 0;
  let contained = 0;
  let handoffsAsked = 0;
  let handoffsTaken = 0;
  let abandoned = 0;
  const takeOver: number[] = [];
  const handle: number[] = [];
  const latency: number[] = [];
  for (const call of calls) {
    const events = byCall.get(call.id) ?? { modes: [], asks: [], answered: [], latencies: [] };
    const hour = hours[hourOf(Date.parse(call.startedAt))]!;
    hour.calls++;
    const ended = call.state === 'ended';
    const tookOver = events.modes.some((m) => m.mode === 'human');
    const ask = events.asks[0];
    // A call stored before the bot's first mode was recorded: the bot's turns show it answered.
    const botAnswered = events.modes.length ? events.modes[0]!.mode === 'bot' : events.latencies.length > 0;
    if (botAnswered) {
      botCalls++;
      if (ended && !tookOver && ask === undefined && call.outcome !== 'transferred') contained++;
    }
    let waitedInVain = false;
    if (ask !== undefined) {
      handoffsAsked++;
      hour.handoffsAsked++;
      const taken = events.answered.find((at) => at >= ask);
      if (taken !== undefined) {
        handoffsTaken++;
        takeOver.push((taken - ask) / 1000);
      } else waitedInVain = ended;
    }
    if (ended && (ABANDONED_OUTCOMES.has(call.outcome ?? '') || waitedInVain)) {
      abandoned++;
      hour.abandoned++;
    }
    if (ended && call.answeredAt && call.durationSeconds !== undefined) handle.push(call.durationSeconds);
    for (const turn of events.latencies) {
      latency.push(turn.ms);
      hourLatencies[hourOf(turn.at)]!.push(turn.ms);
    }
  }
  hours.forEach((hour, i) => {
    const p95 = spreadOf(hourLatencies[i]!).p95;
    if (p95 !== undefined) hour.latencyP95Ms = p95;
  });

  let withBot = 0;
  let withPerson = 0;
  let onHold = 0;
  let longestWaitSeconds = 0;
  for (const call of live) {
    if (call.state !== 'in-progress') continue;
    // The bot turns to `human` as it asks, so a waiting call is one whose ask no take-over answered yet.
    if (call.needsHuman) {
      onHold++;
      longestWaitSeconds = Math.max(longestWaitSeconds, Math.max(0, Math.round((now.getTime() - Date.parse(call.needsHuman.at)) / 1000)));
    } else if (call.mode === 'bot') withBot++;
    else withPerson++;
  }

  return {
    from: fromIso,
    to: toIso,
    at: now.toISOString(),
    now: { withBot, withPerson, onHold, longestWaitSeconds },
    calls: calls.length,
    botCalls,
    contained,
    handoffsAsked,
    handoffsTaken,
    takeOverSeconds: spreadOf(takeOver),
    handleSeconds: spreadOf(handle),
    botLatencyMs: spreadOf(latency),
    abandoned,
    hours,
  };
}
