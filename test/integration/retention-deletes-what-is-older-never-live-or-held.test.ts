// Retention, on a scripted clock: each kind of data goes exactly when it is older than its period
// (recordings from the disk, transcripts and summaries, raw webhook bodies, the audit trail), and a
// live call or one on legal hold keeps everything.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callIdFor, type Call } from '../../shared/call.ts';
import { recordingFile } from '../../electron/engine/audio/recording-files.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import type { RetentionJob } from '../../electron/engine/privacy/retention.ts';
import { consolePost, startEngine } from './support/engine.ts';

const DAY = 24 * 3600_000;
const NOW = Date.parse('2030-06-30T12:00:00Z');
const ago = (days: number) => NOW - days * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

let engine: Engine;
let retention: RetentionJob;
let recordings: string;
const id = (n: string) => callIdFor('ringover', `ret-${n}`);

beforeAll(async () => {
  engine = await startEngine({ retentionRecordingsDays: 30, retentionTranscriptsDays: 60, retentionWebhookBodiesDays: 7, retentionAuditDays: 90 }, { now: () => NOW });
  recordings = join(engine.config.dataDir, 'recordings');
  mkdirSync(recordings, { recursive: true });
  // The embedded store (SQLite) has the retention job; PostgreSQL does not yet.
  retention = engine.retention!;
  await retention.run(); // the start-up run found nothing yet; wait for it before scripting
  // [name, started days ago, ended]
  const calls: [string, number, boolean][] = [['a', 40, true], ['b', 20, true], ['c', 70, true], ['live', 70, false], ['held', 70, true]];
  for (const [n, days, ended] of calls) {
    const at = ago(days);
    await engine.calls.timeline.record(id(n), { type: 'answered', providerEvent: 'call.answered', at });
    await engine.calls.timeline.record(id(n), { type: 'stream', providerEvent: 'stream.recorded', at: at + 60_000, detail: { recording: { durationSeconds: 60 } } });
    writeFileSync(recordingFile(recordings, id(n)), 'RIFF fake recording');
    await engine.calls.timeline.record(id(n), { type: 'utterance', providerEvent: 'transcript.caller', at: at + 1000, detail: { utterance: { id: 'u', speaker: 'caller', text: 'my order is late', final: true, startMs: 0 } } });
    if (!ended) continue; // (a summary comes once a call is over: it would end it)
    await engine.calls.timeline.record(id(n), { type: 'summary', providerEvent: 'bot.summary', at: at + 70_000, summary: 'Late order.' });
    await engine.calls.timeline.record(id(n), { type: 'ended', providerEvent: 'call.hangup', at: at + 65_000 });
  }
  // A missed call 70 days ago: nothing was said, so nothing is marked removed.
  await engine.calls.timeline.record(id('quiet'), { type: 'missed', providerEvent: 'call.missed', at: ago(70) });
  expect((await consolePost(engine, `/api/calls/${id('held')}/legal-hold`, { hold: true, reason: 'litigation' })).status).toBe(200);
  // Raw bodies received 10 and 5 days ago (on an ended call, and on the held one); audit entries 100 and 10 days ago.
  const deliver = (n: string, key: string, receivedDaysAgo: number, providerEvent: string, storedBody?: string) =>
    engine.calls.ingest.store({
      dedupeKey: key,
      receivedAt: iso(ago(receivedDaysAgo)),
      storedBody,
      // Told about the call after it started: its start stays as it was.
      event: { provider: 'ringover', providerCallId: `ret-${n}`, type: 'other', providerEvent, occurredAt: iso(NOW - 1000) },
    });
  await deliver('b', 'body-old', 10, 'call.tags_updated', '{"old":true}');
  await deliver('b', 'body-new', 5, 'call.tags_updated', '{"new":true}');
  await deliver('held', 'body-held', 10, 'call.tags_updated', '{"held":true}');
  await deliver('b', 'audit-old', 100, 'audit.export');
  await deliver('b', 'audit-new', 10, 'audit.export');
  // Team mode's own trail (append-only but for its retention period): one entry 100 days old, one 10.
  for (const days of [100, 10]) engine.team.store.appendAudit({ at: iso(ago(days)), actorId: 'a', actorName: 'Alice', address: 'loopback', action: 'demo', detail: { days } });
});
afterAll(() => engine.stop());

const call = (n: string) => engine.api.getCall(id(n));
/** The raw body the store keeps for an event, read with a connection of the test's own. */
function rawBody(eventId: string): string | undefined {
  const db = new DatabaseSync(join(engine.config.dataDir, 'ringside.db'), { readOnly: true });
  try {
    const row = db.prepare('SELECT raw_body FROM events WHERE seq = ?').get(Number(eventId)) as { raw_body: Uint8Array | null } | undefined;
    return row?.raw_body ? Buffer.from(row.raw_body).toString('utf8') : undefined;
  } finally {
    db.close();
  }
}

describe('a retention run on a scripted clock', () => {
  let counts: Awaited<ReturnType<RetentionJob['run']>>;
  beforeAll(async () => {
    counts = await retention.run();
  });

  it('says how many of each kind it deleted, and nothing else', () => {
    expect(counts).toEqual({ recordings: 2, transcripts: 1, webhookBodies: 1, auditEntries: 2 }); // one on a call's timeline, one in the team's trail
  });

  it('deletes recordings older than 30 days from the disk, and History says so', async () => {
    expect(existsSync(recordingFile(recordings, id('a')))).toBe(false);
    expect(existsSync(recordingFile(recordings, id('c')))).toBe(false);
    expect(existsSync(recordingFile(recordings, id('b')))).toBe(true);
    expect((await call('a')).call.recordingRemovedAt).toBe(iso(NOW));
    expect((await call('b')).call.recordingRemovedAt).toBeUndefined();
  });

  it('deletes transcripts and summaries older than 60 days, and search no longer finds them', async () => {
    const c = await call('c');
    expect(c.events.filter((e) => e.type === 'utterance' || e.type === 'summary')).toEqual([]);
    expect(c.call.summary).toBeUndefined();
    expect(c.call.transcript).toBeUndefined();
    expect(c.call.transcriptRemovedAt).toBe(iso(NOW));
    expect((await call('quiet')).call.transcriptRemovedAt).toBeUndefined();
    const a = await call('a');
    expect(a.events.some((e) => e.type === 'utterance')).toBe(true);
    expect(a.call.summary).toBe('Late order.');
    const found = await engine.api.listCalls({ q: 'my order is late', state: 'ended' });
    expect(found.calls.map((x: Call) => x.id).sort()).toEqual([id('a'), id('b'), id('held')].sort());
  });

  it('deletes raw webhook bodies received more than 7 days ago, keeping their events', async () => {
    const b = await call('b');
    const tags = b.events.filter((e) => e.providerEvent === 'call.tags_updated');
    expect(tags).toHaveLength(2);
    expect(tags.map((e) => rawBody(e.id))).toEqual([undefined, '{"new":true}']);
  });

  it('deletes audit entries older than 90 days', async () => {
    const b = await call('b');
    expect(b.events.filter((e) => e.providerEvent === 'audit.export')).toHaveLength(1);
  });

  it('expires the team’s append-only trail by its period only: older entries go, the rest stay and still cannot be deleted', () => {
    const left = engine.team.audit.query({}).filter((entry) => entry.action === 'demo');
    expect(left.map((entry) => entry.detail)).toEqual([{ days: 10 }]);
    expect(engine.team.audit.query({}).some((entry) => entry.action === 'legal-hold')).toBe(true);
    expect(() => engine.team.store.execForTest('DELETE FROM audit')).toThrow(/append-only/);
  });

  it('never touches a live call or one on legal hold', async () => {
    for (const n of ['live', 'held']) {
      const { call: c, events } = await call(n);
      expect(existsSync(recordingFile(recordings, id(n))), n).toBe(true);
      expect(c.recordingRemovedAt, n).toBeUndefined();
      expect(c.transcriptRemovedAt, n).toBeUndefined();
      expect(events.some((e) => e.type === 'utterance'), n).toBe(true);
    }
    const held = await call('held');
    expect(held.call.legalHold).toMatchObject({ reason: 'litigation' });
    expect(held.events.filter((e) => e.providerEvent === 'audit.legal-hold.set')).toHaveLength(1); // its audit entry too
    expect(held.events.filter((e) => e.providerEvent === 'call.tags_updated').map((e) => rawBody(e.id))).toEqual(['{"held":true}']);
  });

  it('deletes nothing more on a second run the same day', async () => {
    expect(await retention.run()).toEqual({ recordings: 0, transcripts: 0, webhookBodies: 0, auditEntries: 0 });
  });
});
