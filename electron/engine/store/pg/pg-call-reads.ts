// The call store's reads in PostgreSQL: the same answers as CallStore gives from SQLite (same
// search, order and cursor; see call-query.ts), for any engine of a cluster.
import type { Pool } from 'pg';
import type { Call, CallEvent } from '../../../../shared/call.ts';
import type { CallReads } from '../call-reads.ts';
import { DEFAULT_LIMIT, page, parseCursor, parseDate, searchNeedles } from '../call-query.ts';
import { statsOf, type StatsEventRow } from '../call-stats.ts';

const WEEK_MS = 7 * 24 * 3600_000;

export function pgCallReads(pool: Pool): CallReads {
  const calls = async (sql: string, params: unknown[]): Promise<Call[]> =>
    (await pool.query<{ call_json: string }>(sql, params)).rows.map((row) => JSON.parse(row.call_json) as Call);
  const recentLiveCalls = (now = Date.now()) =>
    calls("SELECT call_json FROM calls WHERE started_at >= $1 AND state <> 'ended' ORDER BY started_at DESC", [new Date(now - WEEK_MS).toISOString()]);

  return {
    async getCall(id) {
      return (await calls('SELECT call_json FROM calls WHERE id = $1', [id]))[0];
    },
    async eventsFor(callId) {
      const { rows } = await pool.query<{ seq: string; event_json: string }>('SELECT seq, event_json FROM events WHERE call_id = $1 ORDER BY seq', [callId]);
      return rows.map((row) => ({ id: row.seq, ...JSON.parse(row.event_json) }) as CallEvent);
    },
    async rawBodyOf(eventId) {
      if (!/^\d{1,18}$/.test(eventId)) return undefined;
      const { rows } = await pool.query<{ raw_body: Buffer | null }>('SELECT raw_body FROM events WHERE seq = $1', [eventId]);
      return rows[0]?.raw_body?.toString('utf8') ?? undefined;
    },
    async listCalls(query) {
      const where: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown) => `$${params.push(value)}`;
      if (query.state === 'live') where.push("state <> 'ended'");
      if (query.state === 'ended') where.push("state = 'ended'");
      if (query.q) {
        const needles = searchNeedles(query.q);
        where.push(`(${needles.map((n) => `search_text LIKE ${param(`%${escapeLike(n)}%`)} ESCAPE '\\'`).join(' OR ')})`);
      }
      if (query.before) {
        const [at, id] = parseCursor(query.before);
        if (id) {
          const a = param(at);
          where.push(`(started_at < ${a} OR (started_at = ${a} AND id < ${param(id)}))`);
        } else where.push(`started_at < ${param(at)}`);
      }
      if (query.after) where.push(`started_at >= ${param(parseDate(query.after, 'after'))}`);
      const limit = query.limit ?? DEFAULT_LIMIT;
      const sql = `SELECT call_json FROM calls ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
                   ORDER BY started_at DESC, id DESC LIMIT ${param(limit + 1)}`;
      return page(await calls(sql, params), limit);
    },
    recentLiveCalls,
    async stats(from, to, now = new Date()) {
      const range = [from.toISOString(), to.toISOString()];
      const inRange = await calls('SELECT call_json FROM calls WHERE started_at >= $1 AND started_at < $2', range);
      const { rows } = await pool.query<StatsEventRow>(
        `SELECT e.call_id AS "callId", j->>'providerEvent' AS name, j->>'occurredAt' AS at, j#>>'{detail,mode}' AS mode,
                j#>>'{detail,needsHuman,at}' AS "askedAt", jsonb_typeof(j#>'{detail,needsHuman}') AS "needsHumanType", CASE WHEN jsonb_typeof(j#>'{detail,metrics,firstAudioMs}') = 'number' THEN (j#>>'{detail,metrics,firstAudioMs}')::float8 END AS "firstAudioMs"
           FROM calls c JOIN events e ON e.call_id = c.id, LATERAL (SELECT e.event_json::jsonb AS j) parsed
          WHERE c.started_at >= $1 AND c.started_at < $2
            AND j->>'providerEvent' IN ('bot.mode', 'bot.needs-human', 'bot.turn')
          ORDER BY e.seq`,
        range,
      );
      return statsOf(inRange, rows, from, to, now, await recentLiveCalls(now.getTime()));
    },
    async counts() {
      const { rows } = await pool.query<{ events: string; calls: string }>('SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM calls) AS calls');
      return { events: Number(rows[0]!.events), calls: Number(rows[0]!.calls) };
    },
    async lastEventAt(provider) {
      const { rows } = await pool.query<{ last_event_at: string }>('SELECT last_event_at FROM provider_stats WHERE provider = $1', [provider]);
      return rows[0]?.last_event_at;
    },
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);
