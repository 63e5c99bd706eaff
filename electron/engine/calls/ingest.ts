// The one door to the store: every event (a provider's webhook, the engine's own timeline) comes in
// here. Deliveries that arrive in one turn of the event loop go to the store writer together (it
// group-commits whatever is waiting), each is acknowledged only once durable, and what was stored is
// handed on (to the live calls, then the feed).
import type { Logger } from '../log.ts';
import { EventNotStoredError, type Delivery, type IngestOutcome, type IngestResult, type StoreWriter } from '../store/store-writer.ts';

export type { Delivery, IngestResult };

/** What a stored (not duplicate) delivery became: its event, and the call it changed as stored. */
export type Stored = Omit<IngestResult, 'duplicate'>;

interface Pending {
  delivery: Delivery;
  resolve: (result: IngestResult) => void;
  reject: (error: Error) => void;
}

export class Ingest {
  private readonly writer: StoreWriter;
  private readonly logger: Logger;
  private readonly stored: (stored: Stored) => void;
  private readonly prepare: (delivery: Delivery) => Delivery;
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly unsettled = new Set<Promise<void>>();

  /**
   * `stored` hears of each delivery once durable (duplicates aside), in the order they came;
   * `prepare` turns each delivery into what is stored (redaction), before anything is written.
   */
  constructor(writer: StoreWriter, logger: Logger, stored: (stored: Stored) => void, prepare: (delivery: Delivery) => Delivery = (d) => d) {
    this.writer = writer;
    this.logger = logger;
    this.stored = stored;
    this.prepare = prepare;
  }

  /**
   * Stores one delivery; resolves once it is durable (or known to be a duplicate). Rejects with
   * `EventNotStoredError` when this delivery alone could not be stored, with an Error when its whole
   * batch failed, and with `StoppingError` once closed (the engine is stopping): nothing is
   * acknowledged then.
   */
  store(delivery: Delivery): Promise<IngestResult> {
    if (this.closed) return Promise.reject(new StoppingError());
    try {
      delivery = this.prepare(delivery);
    } catch (error) {
      // Never stored as it came: what redaction could not read is not kept (the sender retries).
      if (!(error instanceof EventNotStoredError)) this.logger.error('preparing a delivery for the store failed; it was not stored', { error });
      return Promise.reject(error as Error);
    }
    this.writer.poll();
    return new Promise((resolve, reject) => {
      this.queue.push({ delivery, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // An idle writer starts on this delivery at once (its commit then overlaps the parsing of
      // what comes next); a busy one gets everything that arrives in this turn of the event loop
      // together, and commits whatever waits for it in one transaction.
      if (this.unsettled.size === 0) queueMicrotask(() => this.send());
      else setImmediate(() => this.send());
    });
  }

  /**
   * Resolves once everything offered so far is durable (or failed), including what was offered
   * while waiting (what a commit's listeners record in turn).
   */
  async drain(): Promise<void> {
    while (this.queue.length || this.unsettled.size) {
      this.send();
      await Promise.all(this.unsettled);
    }
  }

  /** Drains, then refuses new deliveries: the last step before the store closes. */
  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
  }

  private send(): void {
    this.scheduled = false;
    const batch = this.queue;
    if (batch.length === 0) return;
    this.queue = [];
    const settled = this.writer.write(batch.map((p) => p.delivery)).then(
      (results) => this.settle(batch, results),
      (error: Error) => {
        this.logger.error('store write failed; deliveries not acknowledged', { error, count: batch.length });
        for (const pending of batch) pending.reject(error);
      },
    );
    this.unsettled.add(settled);
    void settled.finally(() => this.unsettled.delete(settled));
  }

  private settle(batch: Pending[], results: IngestOutcome[]): void {
    batch.forEach((pending, i) => {
      const result = results[i]!;
      if (result instanceof Error) return pending.reject(result); // this one alone; the rest are stored
      pending.resolve(result);
      if (result.duplicate) return;
      try {
        this.stored(result);
      } catch (error) {
        this.logger.error('handing on a stored event failed', { error });
      }
    });
  }
}

/** An event offered while the engine stops, after its store has taken its last write. */
export class StoppingError extends Error {
  constructor() {
    super('Ringside is stopping: the event was not stored; deliver it again once Ringside runs');
    this.name = 'StoppingError';
  }
}
