// Writes one batch of deliveries in one transaction: store each new event, fold it into its call,
// save the call. Duplicates (same provider + dedupe key) are reported and change nothing.
import type { Call, CallEvent } from '../../../shared/call.ts';
import { foldEvent } from '../calls/fold.ts';
import type { CallLog } from './call-log.ts';
import { inTransaction } from './database.ts';

/** A delivery as the writer stores it: the event as it will read back, minus its id. */
export interface StampedDelivery {
  dedupeKey: string;
  event: Omit<CallEvent, 'id'>;
  storedBody?: string;
}

/**
 * What the writer answers per delivery: null for a duplicate, else the event's id and the call it
 * changed as stored JSON. The caller already holds the event, so it does not travel back.
 */
export type StoredResult = null | [eventId: string, callJson: string | null];

/** Throws (and writes nothing) when the transaction cannot commit. */
export function applyBatch(log: CallLog, deliveries: StampedDelivery[]): StoredResult[] {
  const touched = new Map<string, Call>();
  const latestByProvider = new Map<CallEvent['provider'], string>();
  return inTransaction(log.db, () => {
    const results = deliveries.map(({ event: unnumbered, dedupeKey, storedBody }): StoredResult => {
      const id = log.insertEvent(unnumbered, dedupeKey, storedBody);
      if (id === undefined) return null;
      if (unnumbered.receivedAt > (latestByProvider.get(unnumbered.provider) ?? '')) latestByProvider.set(unnumbered.provider, unnumbered.receivedAt);
      if (!unnumbered.callId) return [id, null];
      const call = foldEvent(touched.get(unnumbered.callId) ?? log.getCall(unnumbered.callId), { id, ...unnumbered });
      touched.set(call.id, call);
      return [id, log.upsertCall(call)];
    });
    for (const [provider, at] of latestByProvider) log.touchProvider(provider, at);
    return results;
  });
}
