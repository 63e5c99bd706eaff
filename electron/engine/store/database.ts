// Opens the SQLite store: WAL, synchronous=FULL (an acknowledged event survives kill -9 and power
// loss), schema migrations tracked in `user_version`. All SQL of the engine lives under store/.
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { preparePrivateDatabase } from '../files/private-files.ts';

// Few B-trees per event, most of them append-only: each commit dirties few pages and stays cheap.
// Live calls are answered from memory, so no index serves them.
const MIGRATIONS: string[] = [
  `CREATE TABLE events (
     seq INTEGER PRIMARY KEY,
     provider TEXT NOT NULL,
     dedupe_key TEXT NOT NULL,
     call_id TEXT,
     event_json TEXT NOT NULL,
     raw_body BLOB,
     UNIQUE (provider, dedupe_key)
   );
   CREATE INDEX events_by_call ON events (call_id, seq) WHERE call_id IS NOT NULL;
   CREATE TABLE calls (
     id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     started_at TEXT NOT NULL,
     search_text TEXT NOT NULL,
     call_json TEXT NOT NULL
   ) WITHOUT ROWID;
   CREATE INDEX calls_by_start ON calls (started_at DESC, id DESC);
   CREATE TABLE provider_stats (
     provider TEXT PRIMARY KEY,
     last_event_at TEXT NOT NULL
   ) WITHOUT ROWID;`,
];

export function openDatabase(file: string): DatabaseSync {
  preparePrivateDatabase(file); // this user's only, -wal and -shm too
  const db = new DatabaseSync(file);
  const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
  if (file !== ':memory:' && mode.journal_mode !== 'wal') {
    db.close();
    throw new Error(`The data dir's file system does not support SQLite WAL mode (${file}); choose another --data-dir`);
  }
  db.exec('PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
  migrate(db);
  return db;
}

function migrate(db: DatabaseSync): void {
  const { user_version: version } = db.prepare('PRAGMA user_version').get() as { user_version: number };
  if (version > MIGRATIONS.length) {
    throw new Error(`The store was written by a newer Ringside (schema ${version}); update Ringside to open it`);
  }
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.exec('BEGIN');
    try {
      db.exec(MIGRATIONS[next]!);
      db.exec(`PRAGMA user_version = ${next + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** Runs `work` in one transaction: one fsync for everything inside. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

const savepoints = new WeakMap<DatabaseSync, { begin: StatementSync; release: StatementSync; undo: StatementSync }>();

/**
 * Runs `work` inside a savepoint of the open transaction: kept when it returns, undone when it
 * throws (the error is rethrown; the transaction goes on without its writes).
 */
export function inSavepoint<T>(db: DatabaseSync, work: () => T): T {
  let statements = savepoints.get(db);
  if (!statements) {
    statements = { begin: db.prepare('SAVEPOINT delivery'), release: db.prepare('RELEASE delivery'), undo: db.prepare('ROLLBACK TO delivery') };
    savepoints.set(db, statements);
  }
  statements.begin.run();
  try {
    const result = work();
    statements.release.run();
    return result;
  } catch (error) {
    if (db.isTransaction) {
      statements.undo.run();
      statements.release.run();
    }
    throw error;
  }
}
