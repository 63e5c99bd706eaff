import type { StoredResult } from './apply-batch.ts';
import type { RetentionCounts, RetentionCutoffs } from './privacy-sql.ts';

/** Work other than storing deliveries, done by the writer in turn (retention, erasure). */
export type MaintenanceTask =
  | { kind: 'retention'; cutoffs: RetentionCutoffs; recordingIds: string[]; now: string }
  | { kind: 'erase'; callIds: string[]; orphanSeqs: number[]; erasedAt: string };

export type MaintenanceResult = { kind: 'retention'; counts: RetentionCounts } | { kind: 'erase'; calls: number; events: number };

/** `deliveries`: the batch's `StampedDelivery[]` as one JSON text (cheaper to post than objects). */
export type WriterRequest =
  | { type: 'write'; batch: number; deliveries: string }
  | { type: 'maintain'; batch: number; task: MaintenanceTask }
  | { type: 'close' };

export type WriterReply =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'done'; batch: number; results: StoredResult[] }
  | { type: 'maintained'; batch: number; result: MaintenanceResult }
  | { type: 'failed'; batch: number; message: string };
