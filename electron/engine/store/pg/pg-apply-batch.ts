// One batch of deliveries in one PostgreSQL transaction, as apply-batch.ts does in SQLite: store
// each new event, fold it into its call, save the call; a duplicate (same provider + dedupe key,
// whichever engine stored it first) changes nothing; a delivery that cannot be stored fails alone
// inside its savepoint.
// Several engines write at once, so a call's fold must not be lost to a concurrent one: the batch
// first takes a transaction-scoped advisory lock per call it touches, in one order (by hash) so two
// engines' batches can never deadlock, and reads each call only once it holds its lock.
import type { PoolClient } from 'pg';
import type { Call, CallEvent } from '../../../../shared/call.ts';
import type { StampedDelivery, StoredResult } from '../apply-batch.ts';
import { foldEvent } from '../fold.ts';
import { searchTextOf } from '../call-query.ts';

/** Throws (and writes nothing) when the transaction cannot commit: then no delivery is stored. */
export async function pgApplyBatch(client: PoolClient, deliveries: StampedDelivery[]): Promise<StoredResult[]> {
  const touched = new Map<string, Call>();
  const latestByProvider = new Map<CallEvent['provider'], string>();
  const callIds = [...new Set(deliveries.flatMap(({ event }) => (event.callId ? [event.callId] : [])))];
  await client.query('BEGIN');
  try {
    if (callIds.length) {
      await client.query('SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtext(id) AS h FROM unnest($1::text[]) AS id) locks ORDER BY h', [callIds]);
    }
    const results: StoredResult[] = [];
    for (const { event: unnumbered, dedupeKey, storedBody } of deliveries) {
      await client.query('SAVEPOINT delivery');
      try {
        results.push(await storeOne(client, touched, unnumbered, dedupeKey, storedBody));
        await client.query('RELEASE SAVEPOINT delivery');
      } catch (error) {
        // Undoing the savepoint fails only when the transaction itself is gone: then the batch fails.
        await client.query('ROLLBACK TO SAVEPOINT delivery');
        await client.query('RELEASE SAVEPOINT delivery');
        results.push({ failed: (error as Error).message });
      }
    }
    deliveries.forEach(({ event }, i) => {
      if (Array.isArray(results[i]) && event.receivedAt > (latestByProvider.get(event.provider) ?? '')) latestByProvider.set(event.provider, event.receivedAt);
    });
    for (const [provider, at] of latestByProvider) {
      await client.query(
        `INSERT INTO provider_stats (provider, last_event_at) VALUES ($1, $2)
         ON CONFLICT (provider) DO UPDATE SET last_event_at = GREATEST(provider_stats.last_event_at, excluded.last_event_at)`,
        [provider, at],
      );
    }
    await client.query('COMMIT');
    return results;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function storeOne(
  client: PoolClient,
  touched: Map<string, Call>,
  unnumbered: Omit<CallEvent, 'id'>,
  dedupeKey: string,
  storedBody: string | undefined,
): Promise<StoredResult> {
  const inserted = await client.query<{ seq: string }>(
    `INSERT INTO events (provider, dedupe_key, call_id, event_json, raw_body) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (provider, dedupe_key) DO NOTHING RETURNING seq`,
    [unnumbered.provider, dedupeKey, unnumbered.callId ?? null, JSON.stringify(unnumbered), storedBody === undefined ? null : Buffer.from(storedBody, 'utf8')],
  );
  const id = inserted.rows[0]?.seq;
  if (id === undefined) return null;
  if (!unnumbered.callId) return [id, null];
  let before = touched.get(unnumbered.callId);
  if (!before) {
    const { rows } = await client.query<{ call_json: string }>('SELECT call_json FROM calls WHERE id = $1', [unnumbered.callId]);
    before = rows[0] && (JSON.parse(rows[0].call_json) as Call);
  }
  const call = foldEvent(before, { id, ...unnumbered });
  const json = JSON.stringify(call);
  await client.query(
    `INSERT INTO calls (id, state, started_at, search_text, call_json) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, started_at = excluded.started_at,
       search_text = excluded.search_text, call_json = excluded.call_json`,
    [call.id, call.state, call.startedAt, searchTextOf(call), json],
  );
  touched.set(call.id, call); // only once saved: a later delivery folds onto what is stored
  return [id, json];
}
