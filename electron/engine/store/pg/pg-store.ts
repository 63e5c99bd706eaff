// Opens the PostgreSQL store shared by the engines of a cluster: a pool, the schema brought up to
// date (once, however many engines start together), the writer and the reads.
import pg from 'pg';
import type { CallReads } from '../call-reads.ts';
import type { StoreWriter } from '../store-writer.ts';
import { pgCallReads } from './pg-call-reads.ts';
import { migrate } from './pg-schema.ts';
import { startPgWriter } from './pg-writer.ts';

export interface PgStoreOptions {
  /** `postgres://user:password@host:port/database` (libpq's URL form). */
  url: string;
  /** The schema the tables live in (default: the connection's `search_path`, usually `public`). */
  schema?: string;
  /** Connections for reads, beside the writer's own (default 4). */
  readers?: number;
  /** Hears of an idle connection the server closed (the pool replaces it; nothing is lost). */
  connectionLost?: (error: Error) => void;
}

export interface PgStore {
  pool: pg.Pool;
  writer: StoreWriter;
  reads: CallReads;
  close(): Promise<void>;
}

export async function openPgStore({ url, schema, readers = 4, connectionLost = () => undefined }: PgStoreOptions): Promise<PgStore> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`"${schema}" is not a plain PostgreSQL schema name`);
  const pool = new pg.Pool({
    connectionString: url,
    max: readers + 1,
    connectionTimeoutMillis: 10_000,
    // Every connection lives in the schema (set once, at connection start, before any query).
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  });
  // An idle connection the server closed must not stop the engine: the pool replaces it.
  pool.on('error', connectionLost);
  try {
    await migrate(pool, schema);
    const writer = await startPgWriter(pool);
    return {
      pool,
      writer,
      reads: pgCallReads(pool),
      async close() {
        await writer.close();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`PostgreSQL did not open (${(error as Error).message}); check --database-url and that the server answers`, { cause: error });
  }
}
