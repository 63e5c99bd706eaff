// The PostgreSQL store's schema and its migrations, shared by every engine of a cluster. Engines
// that start together migrate once: each takes one transaction-scoped advisory lock, reads the
// version and applies only what is missing, so the second engine finds the work done.
// Text columns that are sorted or compared (ids, ISO times) use the "C" collation: byte order, as
// SQLite and the engine's in-memory lists sort them, whatever the database's locale.
import type { Pool } from 'pg';

const MIGRATIONS: string[] = [
  `CREATE TABLE events (
     seq BIGSERIAL PRIMARY KEY,
     provider TEXT NOT NULL,
     dedupe_key TEXT NOT NULL,
     call_id TEXT COLLATE "C",
     event_json TEXT NOT NULL,
     raw_body BYTEA,
     UNIQUE (provider, dedupe_key)
   );
   CREATE INDEX events_by_call ON events (call_id, seq) WHERE call_id IS NOT NULL;
   CREATE TABLE calls (
     id TEXT COLLATE "C" PRIMARY KEY,
     state TEXT NOT NULL,
     started_at TEXT COLLATE "C" NOT NULL,
     search_text TEXT NOT NULL,
     call_json TEXT NOT NULL
   );
   CREATE INDEX calls_by_start ON calls (started_at DESC, id DESC);
   CREATE TABLE provider_stats (
     provider TEXT PRIMARY KEY,
     last_event_at TEXT COLLATE "C" NOT NULL
   );`,
];

/** Any constant both engines agree on: the key of the lock that serialises migrations ("RSmg"). */
const MIGRATION_LOCK = 0x52536d67;

/**
 * Brings the tables up to date (creating `schema` first when named: a plain name, checked by the
 * caller); safe to run from any number of engines at once. Returns the version.
 */
export async function migrate(pool: Pool, schema?: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query('CREATE TABLE IF NOT EXISTS ringside_schema (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM ringside_schema');
    const version = rows[0]?.version ?? 0;
    if (version > MIGRATIONS.length) {
      throw new Error(`The database was written by a newer Ringside (schema ${version}); update Ringside to open it`);
    }
    for (let next = version; next < MIGRATIONS.length; next++) await client.query(MIGRATIONS[next]!);
    if (rows.length === 0) await client.query('INSERT INTO ringside_schema (version) VALUES ($1)', [MIGRATIONS.length]);
    else if (version < MIGRATIONS.length) await client.query('UPDATE ringside_schema SET version = $1', [MIGRATIONS.length]);
    await client.query('COMMIT');
    return MIGRATIONS.length;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
