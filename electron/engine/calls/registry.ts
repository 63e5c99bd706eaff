// The call registry: the engine's view of every call. Deliveries go to the store writer once per
// turn of the event loop (the writer group-commits whatever is waiting), and each is acknowledged
// only once durable. Live calls stay in memory; the rest are read from the store.
import type { CallList, CallQuery, LiveListener, LiveMessage } from '../../../shared/api.ts';
import { callIdFor, isLive, type Call, type Provider } from '../../../shared/call.ts';
import type { Logger } from '../log.ts';
import { DEFAULT_LIMIT, page, parseCursor, parseDate, searchNeedles, searchTextOf, type CallLog } from '../store/call-log.ts';
import type { Delivery, IngestOutcome, IngestResult, StoreWriter } from '../store/store-writer.ts';

export type { Delivery, IngestResult };

interface Pending {
  delivery: Delivery;
  resolve: (result: IngestResult) => void;
  reject: (error: Error) => void;
}

export class CallRegistry {
  private readonly writer: StoreWriter;
  private readonly reader: CallLog;
  private readonly logger: Logger;
  private readonly live = new Map<string, Call>();
  private readonly listeners = new Set<LiveListener>();
  private queue: Pending[] = [];
  private scheduled = false;
  private closed = false;
  private readonly unsettled = new Set<Promise<void>>();
  /** Add what only memory knows (a live stream's figures, the bot's state) to a call as stored. */
  private readonly overlays: ((call: Call) => Call)[] = [];
  private readonly overlay = (call: Call): Call => this.overlays.reduce((c, add) => add(c), call);

  constructor(writer: StoreWriter, reader: CallLog, logger: Logger) {
    this.writer = writer;
    this.reader = reader;
    this.logger = logger;
    for (const call of reader.recentLiveCalls()) this.live.set(call.id, call);
  }

  /**
   * Stores one delivery; resolves once it is durable (or known to be a duplicate). Rejects with
   * `StoppingError` once the registry is closed (the engine is stopping): nothing is acknowledged then.
   */
  ingest(delivery: Delivery): Promise<IngestResult> {
    if (this.closed) return Promise.reject(new StoppingError());
    this.writer.poll();
    return new Promise((resolve, reject) => {
      this.queue.push({ delivery, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // Everything that arrives in this turn of the event loop goes to the writer together.
      setImmediate(() => this.send());
    });
  }

  /**
   * Resolves once everything ingested so far is durable (or failed), including what was ingested
   * while waiting (a commit's listeners may record more).
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
    for (const result of results) {
      if (result instanceof Error || !result.call) continue;
      if (isLive(result.call)) this.live.set(result.call.id, result.call);
      else this.live.delete(result.call.id);
    }
    batch.forEach((pending, i) => {
      const result = results[i]!;
      if (result instanceof Error) return pending.reject(result); // this one alone; the rest are stored
      pending.resolve(result);
      if (result.event) this.publish({ type: 'event.appended', event: result.event });
      if (result.call) this.publish({ type: 'call.updated', call: this.overlay(result.call) });
    });
  }

  addOverlay(overlay: (call: Call) => Call): void {
    this.overlays.push(overlay);
  }

  get(id: string): Call | undefined {
    const call = this.live.get(id) ?? this.reader.getCall(id);
    return call && this.overlay(call);
  }

  findByProviderCallId(provider: Provider, providerCallId: string): Call | undefined {
    return this.get(callIdFor(provider, providerCallId));
  }

  liveCalls(): Call[] {
    return [...this.live.values()].map(this.overlay);
  }

  /** Live calls answer from memory, with the same search, order and cursor as the store. */
  listLive(query: Omit<CallQuery, 'state'>): CallList {
    const needles = query.q ? searchNeedles(query.q) : undefined;
    const [beforeAt, beforeId] = query.before ? parseCursor(query.before) : [];
    const after = query.after ? parseDate(query.after, 'after') : undefined;
    const calls = this.liveCalls()
      .filter((call) => {
        if (after !== undefined && call.startedAt < after) return false;
        if (needles) {
          const text = searchTextOf(call);
          if (!needles.some((needle) => text.includes(needle))) return false;
        }
        if (beforeAt === undefined) return true;
        return call.startedAt < beforeAt || (beforeId !== undefined && call.startedAt === beforeAt && call.id < beforeId);
      })
      .sort((a, b) => (a.startedAt === b.startedAt ? (a.id < b.id ? 1 : -1) : a.startedAt < b.startedAt ? 1 : -1));
    return page(calls, query.limit ?? DEFAULT_LIMIT);
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a message to every live listener (the console's live feed). */
  publish(message: LiveMessage): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        this.logger.error('live listener failed', { error, type: message.type });
      }
    }
  }
}

/** An event offered while the engine stops, after its store has taken its last write. */
export class StoppingError extends Error {
  constructor() {
    super('Ringside is stopping: the event was not stored; deliver it again once Ringside runs');
    this.name = 'StoppingError';
  }
}
