// Main-thread handle on the writer thread: send a batch, get its results once durable.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { callIdFor, type Call, type CallEvent } from '../../../shared/call.ts';
import type { StampedDelivery, StoredResult } from './apply-batch.ts';
import { appPaths } from '../paths.ts';
import type { MaintenanceResult, MaintenanceTask, WriterReply, WriterRequest } from './writer-protocol.ts';

/** An event as a provider module (or the engine itself) hands it to the store: the normalized event minus what the store assigns. */
export type IncomingEvent = Omit<CallEvent, 'id' | 'callId' | 'receivedAt'>;

export interface Delivery {
  dedupeKey: string;
  event: IncomingEvent;
  /** The body as received (secrets masked); absent for events the engine makes itself. */
  storedBody?: string;
  receivedAt?: string;
}

export interface IngestResult {
  duplicate: boolean;
  event?: CallEvent;
  call?: Call;
}

/**
 * One delivery that could not be stored while the rest of its batch was: `status` 503 when a retry
 * may succeed, 400 when the event itself cannot be stored. Nothing of it was written.
 */
export class EventNotStoredError extends Error {
  readonly status: 400 | 503;
  constructor(status: 400 | 503, message: string) {
    super(message);
    this.name = 'EventNotStoredError';
    this.status = status;
  }
}

/** Per delivery: stored or a duplicate, else the error it failed with on its own. */
export type IngestOutcome = IngestResult | EventNotStoredError;

export interface StoreWriter {
  /**
   * Resolves once the batch is committed, with one outcome per delivery: durable, a duplicate, or
   * failed alone. Rejects only when the whole batch failed (nothing of it is stored).
   */
  write(deliveries: Delivery[]): Promise<IngestOutcome[]>;
  /**
   * Takes any replies already waiting, without waiting for the event loop. Called on the hot path
   * (each new delivery), so a busy main thread still acknowledges commits as soon as they land.
   */
  poll(): void;
  /** Runs retention or erasure on the writer thread, after what was written before; resolves once committed. */
  maintain<K extends MaintenanceTask['kind']>(task: Extract<MaintenanceTask, { kind: K }>): Promise<Extract<MaintenanceResult, { kind: K }>>;
  close(): Promise<void>;
}

/** Starts the writer thread on `file` and resolves once the store is open and migrated. */
export function startStoreWriter(file: string, workerUrl: URL | string = appPaths().storeWorker): Promise<StoreWriter> {
  const { port1: replies, port2: workerReplies } = new MessageChannel();
  const worker = new Worker(workerUrl, { workerData: { file, replies: workerReplies }, transferList: [workerReplies] });
  const pending = new Map<number, { stamped: StampedDelivery[]; resolve: (r: IngestOutcome[]) => void; reject: (e: Error) => void }>();
  const maintaining = new Map<number, { resolve: (r: MaintenanceResult) => void; reject: (e: Error) => void }>();
  let nextBatch = 0;
  let lastPoll = 0;
  let stopped: Error | undefined;
  let started: { resolve: (w: StoreWriter) => void; reject: (e: Error) => void };

  const failAll = (error: Error) => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    for (const { reject } of maintaining.values()) reject(error);
    maintaining.clear();
    replies.close();
  };

  const handle = (reply: WriterReply) => {
    if (reply.type === 'ready') return started.resolve(writer);
    if (reply.type === 'fatal') return started.reject(new Error(reply.message));
    const task = maintaining.get(reply.batch);
    if (task) {
      maintaining.delete(reply.batch);
      if (reply.type === 'maintained') task.resolve(reply.result);
      else if (reply.type === 'failed') task.reject(new Error(`The store could not finish (${reply.message}); nothing of it was kept`));
      return;
    }
    const waiting = pending.get(reply.batch);
    if (!waiting) return;
    pending.delete(reply.batch);
    if (reply.type === 'maintained') return;
    if (reply.type === 'done') waiting.resolve(reply.results.map((result, i) => ingestResult(waiting.stamped[i]!, result)));
    else waiting.reject(new Error(`The event store could not save this event (${reply.message}); it was not acknowledged, please retry`));
  };
  replies.on('message', handle);
  replies.unref();
  worker.on('error', (error) => {
    started.reject(error);
    failAll(new Error(`The event store stopped (${error.message}); restart Ringside`));
  });
  worker.on('exit', () => failAll(new Error('The event store is closed')));

  /** Posts one batch (its deliveries as JSON texts) to the writer thread. */
  const post = (stamped: StampedDelivery[], texts: string[]): Promise<IngestOutcome[]> => {
    const batch = nextBatch++;
    // One string per batch: copying it is a memcpy, where a structured clone walks every object.
    worker.postMessage({ type: 'write', batch, deliveries: `[${texts.join(',')}]` } satisfies WriterRequest);
    return new Promise((resolve, reject) => pending.set(batch, { stamped, resolve, reject }));
  };

  const writer: StoreWriter = {
    write(deliveries) {
      if (stopped) return Promise.reject(stopped);
      const stamped: StampedDelivery[] = [];
      const texts: string[] = [];
      /** Per delivery: its slot in the batch posted, or why it alone cannot be stored. */
      const slots = deliveries.map((delivery): number | EventNotStoredError => {
        const one = stamp(delivery);
        let text: string;
        try {
          text = JSON.stringify(one);
        } catch (error) {
          // Too deep (or not data): this one fails alone, before anything is posted.
          return new EventNotStoredError(400, `this event cannot be stored (${(error as Error).message}); it was not acknowledged`);
        }
        texts.push(text);
        return stamped.push(one) - 1;
      });
      if (stamped.length === 0) return Promise.resolve(slots as EventNotStoredError[]);
      const posted = post(stamped, texts);
      if (stamped.length === deliveries.length) return posted;
      return posted.then((outcomes) => slots.map((slot) => (typeof slot === 'number' ? outcomes[slot]! : slot)));
    },
    maintain(task) {
      if (stopped) return Promise.reject(stopped);
      const batch = nextBatch++;
      worker.postMessage({ type: 'maintain', batch, task } satisfies WriterRequest);
      return new Promise((resolve, reject) => maintaining.set(batch, { resolve: resolve as (r: MaintenanceResult) => void, reject }));
    },
    poll() {
      if (stopped || pending.size === 0) return;
      // At most once a millisecond: looking costs about as much as a small request's parsing.
      const now = performance.now();
      if (now - lastPoll < 1) return;
      lastPoll = now;
      for (let m = receiveMessageOnPort(replies); m; m = receiveMessageOnPort(replies)) handle(m.message as WriterReply);
    },
    close() {
      if (stopped) return Promise.resolve();
      return new Promise((done) => {
        worker.once('exit', () => done());
        worker.postMessage({ type: 'close' } satisfies WriterRequest);
      });
    },
  };
  return new Promise((resolve, reject) => {
    started = { resolve, reject };
  });
}

/** The event as it will be stored: when it arrived and the call it belongs to. */
export function stamp({ dedupeKey, event, storedBody, receivedAt }: Delivery): StampedDelivery {
  const stamped: Omit<CallEvent, 'id'> = { ...event, receivedAt: receivedAt ?? new Date().toISOString() };
  if (event.providerCallId) stamped.callId = callIdFor(event.provider, event.providerCallId);
  return { dedupeKey, event: stamped, storedBody };
}

export function ingestResult(delivery: StampedDelivery, result: StoredResult): IngestOutcome {
  if (result === null) return { duplicate: true };
  if (!Array.isArray(result)) {
    return new EventNotStoredError(503, `The event store could not save this event (${result.failed}); it was not acknowledged, please retry`);
  }
  const [id, callJson] = result;
  const event: CallEvent = { id, ...delivery.event };
  return callJson === null ? { duplicate: false, event } : { duplicate: false, event, call: JSON.parse(callJson) as Call };
}
