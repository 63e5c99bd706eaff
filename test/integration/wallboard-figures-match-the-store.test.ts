// The wallboard's figures (GET /api/stats) for a scripted set of calls, stored through the engine's
// ingest as webhooks and the bot write them, equal counts computed independently: plain SQL over
// the store, and a plain loop over each call's stored events.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callIdFor, type Call, type CallEvent } from '../../shared/call.ts';
import type { Stats } from '../../shared/stats.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import type { TimelineEntry } from '../../electron/engine/calls/timeline.ts';
import { consoleGet, startEngine } from './support/engine.ts';

let engine: Engine;
let from: string;
beforeAll(async () => {
  engine = await startEngine();
  from = new Date(Date.now() - 60_000).toISOString();
  await script();
});
afterAll(() => engine.stop());

const ago = (s: number) => new Date(Date.now() - s * 1000).toISOString();
const id = (n: string) => callIdFor('ringover', `wb-${n}`);
const record = (n: string, entry: TimelineEntry) => engine.calls.timeline.record(id(n), entry);
const stream = async (n: string) => {
  await record(n, { type: 'answered', providerEvent: 'call.answered' });
  await record(n, { type: 'stream', providerEvent: 'stream.connected' });
};
const mode = (n: string, m: 'bot' | 'human') => record(n, { type: 'bot', providerEvent: 'bot.mode', detail: { mode: m, reason: 'test' } });
const ask = (n: string, secondsAgo: number) => record(n, { type: 'bot', providerEvent: 'bot.needs-human', detail: { needsHuman: { reason: 'asked for a person', at: ago(secondsAgo) } } });
const turn = (n: string, ms: number) => record(n, { type: 'turn', providerEvent: 'bot.turn', detail: { metrics: { turn: 1, firstAudioMs: ms } } });
const hangUp = (n: string) => record(n, { type: 'ended', providerEvent: 'call.hangup' });
/** As the bot asks for a person: the ask, then its own turn to `human` mode (pipeline/agent.ts). */
const botAsks = async (n: string, secondsAgo: number) => {
  await ask(n, secondsAgo);
  await record(n, { type: 'bot', providerEvent: 'bot.mode', detail: { mode: 'human', reason: 'the bot asked for a person: test' } });
};
/** A supervisor takes a call that waits: the mode is already `human`, the take-over answers the ask. */
const takeOver = (n: string) => record(n, { type: 'bot', providerEvent: 'bot.needs-human', detail: { needsHuman: null } });

/**
 * Shaped like the engine's demo calls: bot calls that end on their own (one stored before the bot's
 * first mode was recorded, known by its turns), one taken over after the bot asked, one abandoned
 * on hold (the bot's own turn to `human` once made both count as taken, in 0 s); a missed call;
 * live calls of each kind.
 */
async function script(): Promise<void> {
  for (const [n, ms] of [['a', [800, 1200, 2600]], ['b', [950]], ['c', [700, 3100]]] as const) {
    await stream(n);
    await mode(n, 'bot');
    for (const m of ms) await turn(n, m);
  }
  await hangUp('a');
  await botAsks('b', 40);
  await takeOver('b');
  await hangUp('b');
  await botAsks('c', 20);
  await hangUp('c'); // nobody took it: abandoned
  await stream('h');
  for (const ms of [600, 900]) await turn('h', ms);
  await hangUp('h');
  await record('d', { type: 'ringing', providerEvent: 'call.ringing' });
  await record('d', { type: 'missed', providerEvent: 'call.missed' });
  await stream('e');
  await mode('e', 'bot');
  await turn('e', 1500);
  await stream('f');
  await mode('f', 'bot');
  await botAsks('f', 90); // on hold for a minute and a half
  await stream('g');
  await mode('g', 'bot');
  await botAsks('g', 10);
  await takeOver('g');
}

async function stats(query = ''): Promise<Stats> {
  const reply = await consoleGet(engine, `/api/stats${query}`);
  expect(reply.status).toBe(200);
  return reply.body as unknown as Stats;
}

/** Nearest rank, written out again: the smallest value with at least p% of values at or under it. */
function nearestRank(values: number[], p: number): number | undefined {
  const sorted = [...values].sort((a, b) => a - b);
  for (const value of sorted) if (sorted.filter((v) => v <= value).length / sorted.length >= p / 100) return value;
  return undefined;
}

describe('the wallboard’s figures', () => {
  it('equal counts computed independently from the store', async () => {
    const figures = await stats(`?from=${encodeURIComponent(from)}`);
    const db = new DatabaseSync(join(engine.config.dataDir, 'ringside.db'), { readOnly: true });
    const rows = db.prepare('SELECT call_json FROM calls WHERE started_at >= ?').all(from) as { call_json: string }[];
    db.close();
    const calls = rows.map((row) => JSON.parse(row.call_json) as Call);
    let botCalls = 0, contained = 0, asked = 0, taken = 0, abandoned = 0;
    const latencies: number[] = [];
    const handle: number[] = [];
    const takeOver: number[] = [];
    for (const call of calls) {
      const events = (await consoleGet(engine, `/api/calls/${call.id}`)).body.events as CallEvent[];
      const modes = events.filter((e) => e.providerEvent === 'bot.mode').map((e) => e.detail!.mode);
      const asks = events.filter((e) => e.providerEvent === 'bot.needs-human' && e.detail!.needsHuman);
      const turns = events.filter((e) => e.providerEvent === 'bot.turn');
      for (const e of turns) latencies.push((e.detail!.metrics as { firstAudioMs: number }).firstAudioMs);
      const botCall = modes.length ? modes[0] === 'bot' : turns.length > 0;
      if (botCall) botCalls++;
      if (botCall && call.state === 'ended' && !modes.includes('human') && !asks.length) contained++;
      if (asks.length) asked++;
      const answered = events.find((e, i) => e.providerEvent === 'bot.needs-human' && e.detail!.needsHuman === null && i > events.indexOf(asks[0]!));
      const tookOver = asks.length > 0 && answered !== undefined;
      if (tookOver) {
        taken++;
        takeOver.push((Date.parse(answered.occurredAt) - Date.parse((asks[0]!.detail!.needsHuman as { at: string }).at)) / 1000);
      }
      if (call.state === 'ended' && (call.outcome === 'missed' || call.outcome === 'unanswered' || (asks.length && !tookOver))) abandoned++;
      if (call.state === 'ended' && call.answeredAt) handle.push(call.durationSeconds!);
    }
    expect(calls.length).toBe(8);
    expect(figures).toMatchObject({
      calls: calls.length,
      botCalls,
      contained,
      handoffsAsked: asked,
      handoffsTaken: taken,
      abandoned,
      botLatencyMs: { count: latencies.length, p50: nearestRank(latencies, 50), p95: nearestRank(latencies, 95) },
      takeOverSeconds: { count: takeOver.length, p50: nearestRank(takeOver, 50), p95: nearestRank(takeOver, 95) },
      handleSeconds: { count: handle.length, p50: nearestRank(handle, 50), p95: nearestRank(handle, 95) },
    });
    // The script's own numbers, so the independent count cannot agree by being wrong the same way.
    expect(figures).toMatchObject({ botCalls: 7, contained: 2, handoffsAsked: 4, handoffsTaken: 2, abandoned: 2, botLatencyMs: { count: 9, p50: 950, p95: 3100 }, handleSeconds: { count: 4 } });
    // Taken when the supervisor took it (b waited 40 s), not when the bot turned to `human` as it asked.
    expect(figures.takeOverSeconds.p95).toBeGreaterThanOrEqual(40);
    expect(figures.now).toMatchObject({ withBot: 1, withPerson: 1, onHold: 1 });
    expect(figures.now.longestWaitSeconds).toBeGreaterThanOrEqual(90);
    // Per hour: the hours add up to the day.
    const sum = (key: 'calls' | 'handoffsAsked' | 'abandoned') => figures.hours.reduce((total, hour) => total + hour[key], 0);
    expect([sum('calls'), sum('handoffsAsked'), sum('abandoned')]).toEqual([figures.calls, figures.handoffsAsked, figures.abandoned]);
  });

  it('defaults to today, and refuses a bad range with a 400 that names it', async () => {
    const today = await stats();
    expect(new Date(today.from).getHours()).toBe(0);
    expect(today.calls).toBeGreaterThanOrEqual(0);
    expect(await consoleGet(engine, '/api/stats?from=yesterday')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^invalid query parameter from: from must be an ISO date/) } });
    expect(await consoleGet(engine, `/api/stats?from=${ago(0)}&to=${ago(60)}`)).toMatchObject({ status: 400, body: { error: expect.stringMatching(/from must be before to/) } });
    expect(await consoleGet(engine, '/api/stats?from=2025-01-01T00:00:00Z&to=2025-03-01T00:00:00Z')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/31 days/) } });
    expect(await consoleGet(engine, '/api/stats?colour=red')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/colour/) } });
  });
});
