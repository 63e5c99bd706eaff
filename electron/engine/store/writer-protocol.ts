import type { StampedDelivery, StoredResult } from './apply-batch.ts';

export type WriterRequest = { type: 'write'; batch: number; deliveries: StampedDelivery[] } | { type: 'close' };

export type WriterReply =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'done'; batch: number; results: StoredResult[] }
  | { type: 'failed'; batch: number; message: string };
