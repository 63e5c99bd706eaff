import type { Delivery, IngestResult } from './apply-batch.ts';

export type WriterRequest = { type: 'write'; batch: number; deliveries: Delivery[] } | { type: 'close' };

export type WriterReply =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'done'; batch: number; results: IngestResult[] }
  | { type: 'failed'; batch: number; message: string };
