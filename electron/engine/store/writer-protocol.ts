import type { StoredResult } from './apply-batch.ts';

/** `deliveries`: the batch's `StampedDelivery[]` as one JSON text (cheaper to post than objects). */
export type WriterRequest = { type: 'write'; batch: number; deliveries: string } | { type: 'close' };

export type WriterReply =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'done'; batch: number; results: StoredResult[] }
  | { type: 'failed'; batch: number; message: string };
