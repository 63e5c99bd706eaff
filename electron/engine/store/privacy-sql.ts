// Every SQL statement of retention and erasure. Retention and erasure write through the store's one
// writer (its thread); finding calls reads on the main thread. A call that is not ended, or is on
// legal hold, is never touched by retention.
import type { DatabaseSync } from 'node:sqlite';
import type { Call, CallEvent } from '../../../shared/call.ts';
import { searchTextOf } from './call-query.ts';
import { inTransaction } from './database.ts';

/** Calls retention may touch: ended, and not on legal hold. */
const SETTLED = "state = 'ended' AND json_extract(call_json, '$.legalHold') IS NULL";

/** Per kind of data, the ISO time before which it is deleted; a kind left out is kept. */
export interface RetentionCutoffs {
  recordings?: string;
  transcripts?: string;
  webhookBodies?: string;
  audit?: string;
}

/** How many of each were deleted (counts only: what retention logs). */
export interface RetentionCounts {
  recordings: number;
  transcripts: number;
  webhookBodies: number;
  auditEntries: number;
}

/** Where an event carries what was said or written (a provider's transcript, summary, analysis). */
const TEXT_PATHS = ['$.transcript', '$.summary', '$.analysis', '$.customAnalysis', '$.detail.utterance'];
/** The call's fields that hold what was said or written. */
const TEXT_FIELDS = ['transcript', 'summary', 'analysis', 'customAnalysis'] as const;

/** Event types whose whole content is what was said or written about the call. */
const SPOKEN_TYPES = "('utterance', 'transcript', 'summary')";

/** Ended calls not on hold that started before `before` and still have a recording of their own. */
export function callsWithRecordingsBefore(db: DatabaseSync, before: string): string[] {
  const rows = db
    .prepare(`SELECT id FROM calls WHERE ${SETTLED} AND started_at < ? AND json_extract(call_json, '$.recording') IS NOT NULL AND json_extract(call_json, '$.recordingRemovedAt') IS NULL`)
    .all(before) as { id: string }[];
  return rows.map((row) => row.id);
}

/**
 * One retention run, in one transaction: marks the calls whose recording files were deleted
 * (`recordingIds`), deletes transcripts and summaries of calls that started before their cutoff
 * (their events, the call's text, what search finds), raw webhook bodies received before theirs,
 * and audit entries recorded before theirs. `now`: when (ISO), for the marks.
 */
export function applyRetention(db: DatabaseSync, cutoffs: RetentionCutoffs, recordingIds: readonly string[], now: string): RetentionCounts {
  return inTransaction(db, () => {
    const counts: RetentionCounts = { recordings: 0, transcripts: 0, webhookBodies: 0, auditEntries: 0 };
    for (const id of recordingIds) {
      const changed = db
        .prepare(`UPDATE calls SET call_json = json_set(call_json, '$.recordingRemovedAt', ?) WHERE id = ? AND ${SETTLED}`)
        .run(now, id).changes;
      counts.recordings += Number(changed);
    }
    if (cutoffs.transcripts) {
      const ids = (db.prepare(`SELECT id FROM calls WHERE ${SETTLED} AND started_at < ? AND json_extract(call_json, '$.transcriptRemovedAt') IS NULL`).all(cutoffs.transcripts) as { id: string }[]).map((r) => r.id);
      for (const id of ids) {
        const deleted = Number(db.prepare(`DELETE FROM events WHERE call_id = ? AND json_extract(event_json, '$.type') IN ${SPOKEN_TYPES}`).run(id).changes);
        // Other events may carry a provider's transcript or summary too, in their fields and their raw bodies.
        const carried = Number(
          db
            .prepare(
              `UPDATE events SET event_json = json_remove(event_json, ${TEXT_PATHS.map((p) => `'${p}'`).join(', ')}), raw_body = NULL
               WHERE call_id = ? AND (${TEXT_PATHS.map((p) => `json_type(event_json, '${p}') IS NOT NULL`).join(' OR ')})`,
            )
            .run(id).changes,
        );
        const call = readCall(db, id);
        if (!call) continue;
        const hadText = deleted + carried > 0 || TEXT_FIELDS.some((key) => call[key] !== undefined);
        if (!hadText) continue; // nothing was said or written: the call is not marked
        for (const key of TEXT_FIELDS) delete call[key];
        call.transcriptRemovedAt = now;
        writeCall(db, call);
        counts.transcripts++;
      }
    }
    if (cutoffs.webhookBodies) {
      counts.webhookBodies = Number(
        db
          .prepare(
            `UPDATE events SET raw_body = NULL WHERE raw_body IS NOT NULL AND json_extract(event_json, '$.receivedAt') < ?
             AND (call_id IS NULL OR call_id IN (SELECT id FROM calls WHERE ${SETTLED}))`,
          )
          .run(cutoffs.webhookBodies).changes,
      );
    }
    if (cutoffs.audit) {
      counts.auditEntries = Number(
        db
          .prepare(
            `DELETE FROM events WHERE json_extract(event_json, '$.providerEvent') LIKE 'audit.%' AND json_extract(event_json, '$.receivedAt') < ?
             AND (call_id IS NULL OR call_id IN (SELECT id FROM calls WHERE ${SETTLED}))`,
          )
          .run(cutoffs.audit).changes,
      );
    }
    return counts;
  });
}

/**
 * Calls whose search text holds `digits` (a number's national significant digits: the search text
 * keeps each party's number as bare digits too), for the caller to check number by number; and the
 * events of no call (an SMS, a contact search) for which `matches` says yes, given the event and
 * its raw body.
 */
export function findByDigits(
  db: DatabaseSync,
  digits: string,
  matches: (event: CallEvent, rawBody: string | undefined) => boolean,
): { calls: Call[]; orphanEvents: { seq: number; event: CallEvent }[] } {
  const calls = (db.prepare('SELECT call_json FROM calls WHERE search_text LIKE ? ORDER BY started_at DESC').all(`%${digits}%`) as { call_json: string }[]).map(
    (row) => JSON.parse(row.call_json) as Call,
  );
  const orphanEvents: { seq: number; event: CallEvent }[] = [];
  // Numbers there are as the provider wrote them (`06 12 34 56 78`): each event is read, not LIKEd.
  for (const row of db.prepare('SELECT seq, event_json, raw_body FROM events WHERE call_id IS NULL').iterate() as Iterable<{ seq: number; event_json: string; raw_body: Uint8Array | null }>) {
    const event = { id: String(row.seq), ...JSON.parse(row.event_json) } as CallEvent;
    if (matches(event, row.raw_body ? Buffer.from(row.raw_body).toString('utf8') : undefined)) orphanEvents.push({ seq: row.seq, event });
  }
  return { calls, orphanEvents };
}

/** The raw bodies of a call's events (for an export), by event id. */
export function rawBodiesOf(db: DatabaseSync, callId: string): Record<string, string> {
  const rows = db.prepare('SELECT seq, raw_body FROM events WHERE call_id = ? AND raw_body IS NOT NULL').all(callId) as { seq: number; raw_body: Uint8Array }[];
  return Object.fromEntries(rows.map((row) => [String(row.seq), Buffer.from(row.raw_body).toString('utf8')]));
}

/**
 * Erases calls and events of no call: every event of each call is deleted and the call row becomes
 * a tombstone that holds nothing personal (provider, its id, when it started and was erased); then
 * the whole file is rewritten (VACUUM) and the write-ahead log emptied, so that no freed page still
 * holds what was deleted. Returns how many calls and events went.
 */
export function eraseRows(db: DatabaseSync, callIds: readonly string[], orphanSeqs: readonly number[], erasedAt: string): { calls: number; events: number } {
  const counts = inTransaction(db, () => {
    let events = 0;
    let calls = 0;
    for (const id of callIds) {
      events += Number(db.prepare('DELETE FROM events WHERE call_id = ?').run(id).changes);
      const call = readCall(db, id);
      if (!call) continue;
      const tombstone: Call = {
        id: call.id,
        provider: call.provider,
        providerCallId: call.providerCallId,
        state: 'ended',
        direction: 'unknown',
        from: {},
        to: {},
        startedAt: call.startedAt,
        erasedAt,
        eventCount: 0,
        updatedAt: erasedAt,
      };
      writeCall(db, tombstone);
      calls++;
    }
    for (const seq of orphanSeqs) events += Number(db.prepare('DELETE FROM events WHERE seq = ?').run(seq).changes);
    return { calls, events };
  });
  db.exec('VACUUM');
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  return counts;
}

function readCall(db: DatabaseSync, id: string): Call | undefined {
  const row = db.prepare('SELECT call_json FROM calls WHERE id = ?').get(id) as { call_json: string } | undefined;
  return row && (JSON.parse(row.call_json) as Call);
}

function writeCall(db: DatabaseSync, call: Call): void {
  db.prepare('UPDATE calls SET state = ?, started_at = ?, search_text = ?, call_json = ? WHERE id = ?').run(call.state, call.startedAt, searchTextOf(call), JSON.stringify(call), call.id);
}
