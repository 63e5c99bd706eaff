// The store's single writer, on its own thread: commits (and their fsyncs) never block the event
// loop that answers webhooks and carries live audio. Group commit happens here: every write request
// that queued up while the previous transaction was committing goes into the next one.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { applyBatch, type StampedDelivery } from './apply-batch.ts';
import { CallStore } from './call-store.ts';
import { openDatabase } from './database.ts';
import { applyRetention, eraseRows } from './privacy-sql.ts';
import type { MaintenanceResult, MaintenanceTask, WriterReply, WriterRequest } from './writer-protocol.ts';

const { file, replies } = workerData as { file: string; replies: MessagePort };
const port: MessagePort = parentPort!;
const reply = (message: WriterReply) => replies.postMessage(message);

let store: CallStore;
try {
  store = new CallStore(openDatabase(file));
  reply({ type: 'ready' });
} catch (error) {
  reply({ type: 'fatal', message: (error as Error).message });
  process.exit(1);
}

port.on('message', (first: WriterRequest) => {
  const writes: Extract<WriterRequest, { type: 'write' }>[] = [];
  const tasks: Extract<WriterRequest, { type: 'maintain' }>[] = [];
  let closing = false;
  for (let request: WriterRequest | undefined = first; request; request = receiveMessageOnPort(port)?.message as WriterRequest | undefined) {
    if (request.type === 'close') closing = true;
    else if (request.type === 'maintain') tasks.push(request);
    else writes.push(request);
  }
  if (writes.length) commit(writes);
  for (const task of tasks) maintain(task.batch, task.task);
  if (closing) {
    store.db.close();
    replies.close();
    port.close();
  }
});

/** Retention and erasure, each after the deliveries that came before it. */
function maintain(batch: number, task: MaintenanceTask): void {
  try {
    const result: MaintenanceResult =
      task.kind === 'retention'
        ? { kind: 'retention', counts: applyRetention(store.db, task.cutoffs, task.recordingIds, task.now) }
        : { kind: 'erase', ...eraseRows(store.db, task.callIds, task.orphanSeqs, task.erasedAt) };
    reply({ type: 'maintained', batch, result });
  } catch (error) {
    reply({ type: 'failed', batch, message: (error as Error).message });
  }
}

function commit(writes: Extract<WriterRequest, { type: 'write' }>[]): void {
  try {
    const batches = writes.map((w) => JSON.parse(w.deliveries) as StampedDelivery[]);
    const results = applyBatch(store, batches.flat());
    let offset = 0;
    writes.forEach((write, i) => {
      reply({ type: 'done', batch: write.batch, results: results.slice(offset, (offset += batches[i]!.length)) });
    });
  } catch (error) {
    for (const write of writes) reply({ type: 'failed', batch: write.batch, message: (error as Error).message });
  }
}
