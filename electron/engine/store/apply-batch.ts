// Writes one batch of deliveries in one transaction: store each new event, fold it into its call,
// save the call. Duplicates (same provider + dedupe key) are reported and change nothing. Each
// delivery runs inside its own savepoint, so one that cannot be stored fails alone: its writes are
// undone and the rest of the batch still commits.
import type { Call, CallEvent } from '../../../shared/call.ts';
import type { CallStore } from './call-store.ts';
import { inSavepoint, inTransaction } from './database.ts';
import { foldEvent } from './fold.ts';

/** A delivery as the writer stores it: the event as it will read back, minus its id. */
export interface StampedDelivery {
  dedupeKey: string;
  event: Omit<CallEvent, 'id'>;
  storedBody?: string;
}

/**
 * What the writer answers per delivery: null for a duplicate, the event's id and the call it
 * changed as stored JSON, or why this delivery alone could not be stored (nothing of it was
 * written). The caller already holds the event, so it does not travel back.
 */
export type StoredResult = null | [eventId: string, callJson: string | null] | { failed: string };

/**
 * Throws (and writes nothing) when the transaction itself cannot commit, or when SQLite had to
 * roll the whole transaction back (a full disk, an I/O error): then no delivery is stored.
 */
export function applyBatch(store: CallStore, deliveries: StampedDelivery[]): StoredResult[] {
  const touched = new Map<string, Call>();
  const latestByProvider = new Map<CallEvent['provider'], string>();
  return inTransaction(store.db, () => {
    const results = deliveries.map(({ event: unnumbered, dedupeKey, storedBody }): StoredResult => {
      try {
        return inSavepoint(store.db, () => {
          const previous = unnumbered.callId ? (touched.get(unnumbered.callId) ?? store.getCall(unnumbered.callId)) : undefined;
          // An erased call takes nothing more (a late or repeated delivery would bring its data
          // back): acknowledged like a duplicate, never stored. Its audit entries are the exception.
          if (previous?.erasedAt && !unnumbered.providerEvent.startsWith('audit.')) return null;
          const id = store.insertEvent(unnumbered, dedupeKey, storedBody);
          if (id === undefined) return null;
          if (!unnumbered.callId) return [id, null];
          const call = foldEvent(previous, { id, ...unnumbered });
          const callJson = store.upsertCall(call);
          touched.set(call.id, call); // only once saved: a later delivery folds onto what is stored
          return [id, callJson];
        });
      } catch (error) {
        if (!store.db.isTransaction) throw error; // SQLite undid the whole transaction: the batch fails
        return { failed: (error as Error).message };
      }
    });
    deliveries.forEach(({ event }, i) => {
      const result = results[i];
      if (Array.isArray(result) && event.receivedAt > (latestByProvider.get(event.provider) ?? '')) latestByProvider.set(event.provider, event.receivedAt);
    });
    for (const [provider, at] of latestByProvider) store.touchProvider(provider, at);
    return results;
  });
}
