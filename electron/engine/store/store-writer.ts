// Main-thread handle on the writer thread: send a batch, get its results once durable.
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Delivery, IngestResult } from './apply-batch.ts';
import { appPaths } from '../paths.ts';
import type { WriterReply, WriterRequest } from './writer-protocol.ts';

export interface StoreWriter {
  /** Resolves once every delivery of the batch is durable (or known to be a duplicate). */
  write(deliveries: Delivery[]): Promise<IngestResult[]>;
  /**
   * Takes any replies already waiting, without waiting for the event loop. Called on the hot path
   * (each new delivery), so a busy main thread still acknowledges commits as soon as they land.
   */
  poll(): void;
  close(): Promise<void>;
}

/** Starts the writer thread on `file` and resolves once the store is open and migrated. */
export function startStoreWriter(file: string, workerUrl: URL | string = appPaths().storeWorker): Promise<StoreWriter> {
  const { port1: replies, port2: workerReplies } = new MessageChannel();
  const worker = new Worker(workerUrl, { workerData: { file, replies: workerReplies }, transferList: [workerReplies] });
  const pending = new Map<number, { resolve: (r: IngestResult[]) => void; reject: (e: Error) => void }>();
  let nextBatch = 0;
  let stopped: Error | undefined;
  let started: { resolve: (w: StoreWriter) => void; reject: (e: Error) => void };

  const failAll = (error: Error) => {
    stopped ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    replies.close();
  };

  const handle = (reply: WriterReply) => {
    if (reply.type === 'ready') return started.resolve(writer);
    if (reply.type === 'fatal') return started.reject(new Error(reply.message));
    const waiting = pending.get(reply.batch);
    pending.delete(reply.batch);
    if (reply.type === 'done') waiting?.resolve(reply.results);
    else waiting?.reject(new Error(`The event store could not save this event (${reply.message}); it was not acknowledged, please retry`));
  };
  replies.on('message', handle);
  replies.unref();
  worker.on('error', (error) => {
    started.reject(error);
    failAll(new Error(`The event store stopped (${error.message}); restart Ringside`));
  });
  worker.on('exit', () => failAll(new Error('The event store is closed')));

  const writer: StoreWriter = {
    write(deliveries) {
      if (stopped) return Promise.reject(stopped);
      const batch = nextBatch++;
      return new Promise((resolve, reject) => {
        pending.set(batch, { resolve, reject });
        worker.postMessage({ type: 'write', batch, deliveries } satisfies WriterRequest);
      });
    },
    poll() {
      if (stopped || pending.size === 0) return;
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
