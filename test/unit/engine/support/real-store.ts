// A real store in a fresh data dir: the writer thread, a read connection and the calls' door over
// them (ingest, live calls, feed, timeline). Closed after each test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCalls } from '../../../../electron/engine/calls/calls.ts';
import { silentLogger, type Logger } from '../../../../electron/engine/log.ts';
import { CallStore } from '../../../../electron/engine/store/call-store.ts';
import { openDatabase } from '../../../../electron/engine/store/database.ts';
import { startStoreWriter, type StoreWriter } from '../../../../electron/engine/store/store-writer.ts';
import type { IncomingEvent } from '../../../../electron/engine/webhooks/types.ts';

const opened: { writer: StoreWriter; store: CallStore }[] = [];
afterEach(async () => {
  for (const { writer, store } of opened.splice(0)) {
    await writer.close();
    store.db.close();
  }
});

export interface RealStoreOptions {
  /** SQL run on the store before the writer starts (e.g. a trigger that injects a failure). */
  setup?: string;
  /** Wraps the writer (e.g. to count its batches). */
  wrap?: (writer: StoreWriter) => StoreWriter;
  logger?: Logger;
}

export async function openRealStore({ setup, wrap = (w) => w, logger = silentLogger }: RealStoreOptions = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'ringside-store-')), 'ringside.db');
  const store = new CallStore(openDatabase(file));
  if (setup) store.db.exec(setup);
  const writer = wrap(await startStoreWriter(file));
  opened.push({ writer, store });
  return { file, store, writer, calls: createCalls({ writer, store, logger }) };
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
