// The call store: every SQL statement about events and calls. Callers get typed objects, never rows.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CallList, CallQuery } from '../../../shared/api.ts';
import type { Call, CallEvent, Provider } from '../../../shared/call.ts';
import type { Stats } from '../../../shared/stats.ts';
import { callStats } from './call-stats.ts';
import { DEFAULT_LIMIT, page, parseCursor, parseDate, searchNeedles, searchTextOf } from './call-query.ts';

export class CallStore {
  readonly db: DatabaseSync;
  private readonly insertEventStmt: StatementSync;
  private readonly upsertCallStmt: StatementSync;
  private readonly getCallStmt: StatementSync;
  private readonly eventsStmt: StatementSync;
  private readonly touchProviderStmt: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.insertEventStmt = db.prepare(
      `INSERT INTO events (provider, dedupe_key, call_id, event_json, raw_body) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (provider, dedupe_key) DO NOTHING`,
    );
    this.upsertCallStmt = db.prepare(
      `INSERT INTO calls (id, state, started_at, search_text, call_json) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, started_at = excluded.started_at,
         search_text = excluded.search_text, call_json = excluded.call_json`,
    );
    this.getCallStmt = db.prepare('SELECT call_json FROM calls WHERE id = ?');
    this.eventsStmt = db.prepare('SELECT seq, event_json FROM events WHERE call_id = ? ORDER BY seq');
    this.touchProviderStmt = db.prepare(
      `INSERT INTO provider_stats (provider, last_event_at) VALUES (?, ?)
       ON CONFLICT (provider) DO UPDATE SET last_event_at = max(last_event_at, excluded.last_event_at)`,
    );
  }

  /** Records when a provider last delivered an event (once per batch, not per event). */
  touchProvider(provider: Provider, receivedAt: string): void {
    this.touchProviderStmt.run(provider, receivedAt);
  }

  /**
   * Stores an event unless one with the same dedupe key is already there. Returns the event's
   * id (its sequence number in the log), or undefined for a duplicate.
   */
  insertEvent(event: Omit<CallEvent, 'id'>, dedupeKey: string, rawBody: string | undefined): string | undefined {
    // run() and the rowid rather than RETURNING, which costs about twice the insert itself.
    const { changes, lastInsertRowid } = this.insertEventStmt.run(
      event.provider,
      dedupeKey,
      event.callId ?? null,
      JSON.stringify(event),
      rawBody === undefined ? null : Buffer.from(rawBody, 'utf8'),
    );
    return changes === 0 ? undefined : String(lastInsertRowid);
  }

  /** Saves the call; returns it as stored (JSON). */
  upsertCall(call: Call): string {
    const json = JSON.stringify(call);
    this.upsertCallStmt.run(call.id, call.state, call.startedAt, searchTextOf(call), json);
    return json;
  }

  getCall(id: string): Call | undefined {
    const row = this.getCallStmt.get(id) as { call_json: string } | undefined;
    return row && (JSON.parse(row.call_json) as Call);
  }

  eventsFor(callId: string): CallEvent[] {
    return (this.eventsStmt.all(callId) as { seq: number; event_json: string }[]).map(
      (row) => ({ id: String(row.seq), ...JSON.parse(row.event_json) }) as CallEvent,
    );
  }

  rawBodyOf(eventId: string): string | undefined {
    const row = this.db.prepare('SELECT raw_body FROM events WHERE seq = ?').get(Number(eventId)) as { raw_body: Uint8Array | null } | undefined;
    return row?.raw_body ? Buffer.from(row.raw_body).toString('utf8') : undefined;
  }

  /** Calls from the store, newest first. Live calls are better asked of memory (`queryInMemory`, same answers). */
  listCalls(query: CallQuery): CallList {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.state === 'live') where.push("state <> 'ended'");
    if (query.state === 'ended') where.push("state = 'ended'");
    if (query.q) {
      const needles = searchNeedles(query.q);
      where.push(`(${needles.map(() => "search_text LIKE ? ESCAPE '\\'").join(' OR ')})`);
      params.push(...needles.map((n) => `%${escapeLike(n)}%`));
    }
    if (query.before) {
      const [at, id] = parseCursor(query.before);
      where.push(id ? '(started_at < ? OR (started_at = ? AND id < ?))' : 'started_at < ?');
      params.push(...(id ? [at, at, id] : [at]));
    }
    if (query.after) {
      where.push('started_at >= ?');
      params.push(parseDate(query.after, 'after'));
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const sql = `SELECT call_json FROM calls ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
                 ORDER BY started_at DESC, id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, limit + 1) as { call_json: string }[];
    return page(rows.map((row) => JSON.parse(row.call_json) as Call), limit);
  }

  /** Calls not ended that started in the last week (older ones lost their hang-up and are stale). */
  recentLiveCalls(now = Date.now()): Call[] {
    const since = new Date(now - 7 * 24 * 3600_000).toISOString();
    const rows = this.db
      .prepare("SELECT call_json FROM calls WHERE started_at >= ? AND state <> 'ended' ORDER BY started_at DESC")
      .all(since) as { call_json: string }[];
    return rows.map((row) => JSON.parse(row.call_json) as Call);
  }

  /** The wallboard's figures for calls that started in [from, to), with the calls live now as stored (shared/stats.ts). */
  stats(from: Date, to: Date, now = new Date()): Stats {
    return callStats(this.db, from, to, now, this.recentLiveCalls(now.getTime()));
  }

  counts(): { events: number; calls: number } {
    const row = this.db.prepare('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM calls) AS calls').get() as {
      events: number;
      calls: number;
    };
    return { events: row.events, calls: row.calls };
  }

  lastEventAt(provider: Provider): string | undefined {
    const row = this.db.prepare('SELECT last_event_at FROM provider_stats WHERE provider = ?').get(provider) as
      | { last_event_at: string }
      | undefined;
    return row?.last_event_at;
  }
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);
