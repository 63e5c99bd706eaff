// The PostgreSQL store's writer: the same contract as the SQLite writer thread (store-writer.ts),
// on the main thread since pg's I/O is asynchronous. Group commit: deliveries that arrive while a
// transaction is committing all go into the next one, on one connection of its own.
import type { Pool, PoolClient } from 'pg';
import { ingestResult, stamp, type IngestOutcome, type StoreWriter } from '../store-writer.ts';
import type { StampedDelivery } from '../apply-batch.ts';
import { pgApplyBatch } from './pg-apply-batch.ts';

interface Waiting {
  stamped: StampedDelivery[];
  resolve: (outcomes: IngestOutcome[]) => void;
  reject: (error: Error) => void;
}

export async function startPgWriter(pool: Pool): Promise<StoreWriter> {
  let client: PoolClient | undefined = await pool.connect();
  let queue: Waiting[] = [];
  let committing: Promise<void> | undefined;
  let closed = false;

  const commitAll = async () => {
    while (queue.length) {
      const writes = queue;
      queue = [];
      try {
        client ??= await pool.connect(); // a connection lost with the last batch is replaced
        const results = await pgApplyBatch(client, writes.flatMap((w) => w.stamped));
        let offset = 0;
        for (const write of writes) {
          const slice = results.slice(offset, (offset += write.stamped.length));
          write.resolve(slice.map((result, i) => ingestResult(write.stamped[i]!, result)));
        }
      } catch (error) {
        const failure = new Error(`The event store could not save this event (${(error as Error).message}); it was not acknowledged, please retry`);
        for (const write of writes) write.reject(failure);
        // The connection may be broken (the server restarted): drop it rather than reuse it.
        client?.release(error as Error);
        client = undefined;
      }
    }
    committing = undefined;
  };

  return {
    write(deliveries) {
      if (closed) return Promise.reject(new Error('The event store is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ stamped: deliveries.map(stamp), resolve, reject });
        committing ??= commitAll();
      });
    },
    poll() {
      // Replies arrive as ordinary I/O on this thread: nothing to take early.
    },
    maintain() {
      // Retention and a number's erasure work on the embedded store's tables (privacy-sql.ts); the
      // engine does not offer them on PostgreSQL yet (privacy/embedded-only.ts).
      return Promise.reject(new Error('retention and erasure need the embedded store (SQLite) in this version'));
    },
    async close() {
      closed = true;
      await committing;
      client?.release();
      client = undefined;
    },
  };
}
