// The store the engine runs on: the embedded SQLite file in the data dir (one engine), or
// PostgreSQL shared by several engines when a database URL is set. Both give the same writer
// contract (acknowledged only once committed, duplicates recognised by their unique key) and the
// same reads.
import { join } from 'node:path';
import { sqliteReads, type CallReads } from './call-reads.ts';
import { CallStore } from './call-store.ts';
import { openDatabase } from './database.ts';
import { openPgStore } from './pg/pg-store.ts';
import { startStoreWriter, type StoreWriter } from './store-writer.ts';

export interface OpenedStore {
  backend: 'sqlite' | 'postgres';
  writer: StoreWriter;
  reads: CallReads;
  /**
   * SQLite only: the embedded store itself, for what still works on its tables directly (a number's
   * erasure and export, the retention job: privacy/records.ts, privacy/retention.ts).
   */
  embedded?: CallStore;
  /** Waits for the writes in flight, then closes every connection. */
  close(): Promise<void>;
}

export interface StoreOptions {
  dataDir: string;
  /** `postgres://…`: the cluster's shared store instead of the data dir's SQLite file. */
  databaseUrl?: string;
  /** PostgreSQL only: the schema (tests give each file its own). */
  databaseSchema?: string;
  /** SQLite only: where the writer thread's script is. */
  storeWorker?: URL | string;
  /** PostgreSQL only: hears of an idle connection the server closed (for the log). */
  connectionLost?: (error: Error) => void;
}

export async function openStore({ dataDir, databaseUrl, databaseSchema, storeWorker, connectionLost }: StoreOptions): Promise<OpenedStore> {
  if (databaseUrl) {
    const store = await openPgStore({ url: databaseUrl, ...(databaseSchema !== undefined && { schema: databaseSchema }), ...(connectionLost && { connectionLost }) });
    return { backend: 'postgres', writer: store.writer, reads: store.reads, close: () => store.close() };
  }
  const file = join(dataDir, 'ringside.db');
  const writer = await startStoreWriter(file, storeWorker);
  const db = openDatabase(file); // the main thread's read connection; the writer thread migrated it
  const embedded = new CallStore(db);
  return {
    backend: 'sqlite',
    writer,
    reads: sqliteReads(embedded),
    embedded,
    async close() {
      await writer.close();
      db.close();
    },
  };
}
