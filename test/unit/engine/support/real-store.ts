// A real store, on either backend: SQLite in a fresh data dir (the writer thread and a read
// connection) or PostgreSQL in a fresh schema; and the calls' door over it (ingest, live calls,
// feed, timeline). Closed after each test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCalls } from '../../../../electron/engine/calls/calls.ts';
import { silentLogger, type Logger } from '../../../../electron/engine/log.ts';
import { sqliteReads, type CallReads } from '../../../../electron/engine/store/call-reads.ts';
import { CallStore } from '../../../../electron/engine/store/call-store.ts';
import { openDatabase } from '../../../../electron/engine/store/database.ts';
import { openPgStore } from '../../../../electron/engine/store/pg/pg-store.ts';
import { startStoreWriter, type StoreWriter } from '../../../../electron/engine/store/store-writer.ts';
import type { IncomingEvent } from '../../../../electron/engine/webhooks/types.ts';
import { freshSchema, TEST_DATABASE_URL } from './postgres.ts';

export type Backend = 'sqlite' | 'postgres';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

export interface RealStoreOptions {
  /** SQL run on the store before the writer starts (e.g. a trigger that injects a failure; SQLite only). */
  setup?: string;
  /** Wraps the writer (e.g. to count its batches). */
  wrap?: (writer: StoreWriter) => StoreWriter;
  logger?: Logger;
}

/** The SQLite store (its CallStore too, for tests that look at SQLite itself). */
export async function openRealStore({ setup, wrap = (w) => w, logger = silentLogger }: RealStoreOptions = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'ringside-store-')), 'ringside.db');
  const store = new CallStore(openDatabase(file));
  if (setup) store.db.exec(setup);
  const writer = wrap(await startStoreWriter(file));
  closers.push(async () => {
    await writer.close();
    store.db.close();
  });
  const reads = sqliteReads(store);
  return { file, store, reads, writer, calls: await createCalls({ writer, store: reads, logger }) };
}

/** A store on `backend`, through the interface the engine uses; `schema` reopens a PostgreSQL store already made. */
export async function openBackend(backend: Backend, { wrap = (w) => w, logger = silentLogger, schema }: RealStoreOptions & { schema?: string } = {}) {
  if (backend === 'sqlite') {
    const { reads, writer, calls } = await openRealStore({ wrap, logger });
    return { reads, writer, calls, schema: undefined };
  }
  const inSchema = schema ?? freshSchema();
  const store = await openPgStore({ url: TEST_DATABASE_URL, schema: inSchema });
  closers.push(() => store.close());
  const writer = wrap(store.writer);
  const reads: CallReads = store.reads;
  return { reads, writer, calls: await createCalls({ writer, store: reads, logger }), schema: inSchema };
}

/** A provider's event on call `providerCallId`, `second` seconds into 2026-11-23T10:00. */
export const incoming = (providerCallId: string, type: IncomingEvent['type'] = 'ringing', second = 0, extra: Partial<IncomingEvent> = {}): IncomingEvent => ({
  provider: 'ringover',
  providerCallId,
  type,
  providerEvent: `call.${type}`,
  occurredAt: new Date(Date.UTC(2026, 10, 23, 10, 0, second)).toISOString(),
  ...extra,
});
