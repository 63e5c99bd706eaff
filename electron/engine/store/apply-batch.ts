// Writes one batch of deliveries in one transaction: store each new event, fold it into its call,
// save the call. Duplicates (same provider + dedupe key) are reported and change nothing. One
// delivery that cannot be stored fails alone: its writes are undone (a savepoint per delivery, on a
// second pass once one failed) and the rest of the batch still commits.
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
  // Deliveries almost never fail: the batch first runs without a savepoint per delivery (two
  // statements each, a fifth of the writer's work). If one throws, that attempt is rolled back
  // whole and the batch runs again with savepoints, so the one that fails still fails alone.
  if (deliveries.length > 1) {
    try {
      return inTransaction(store.db, () =>
        storeAll(store, deliveries, (work) => {
          try {
            return work();
          } catch (error) {
            if (!store.db.isTransaction) throw error; // SQLite undid the whole transaction: the batch fails
            throw new DeliveryFailed();
          }
        }),
      );
    } catch (error) {
      if (!(error instanceof DeliveryFailed)) throw error;
    }
  }
  return inTransaction(store.db, () =>
    storeAll(store, deliveries, (work) => {
      try {
        return inSavepoint(store.db, work);
      } catch (error) {
        if (!store.db.isTransaction) throw error; // SQLite undid the whole transaction: the batch fails
        return { failed: (error as Error).message };
      }
    }),
  );
}

/** A delivery threw while the batch ran without savepoints: the attempt is undone and retried with them. */
class DeliveryFailed extends Error {}

function storeAll(store: CallStore, deliveries: StampedDelivery[], guard: (work: () => StoredResult) => StoredResult): StoredResult[] {
  const touched = new Map<string, Call>();
  const latestByProvider = new Map<CallEvent['provider'], string>();
  const results = deliveries.map(({ event: unnumbered, dedupeKey, storedBody }) =>
    guard(() => {
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
    }),
  );
  deliveries.forEach(({ event }, i) => {
    const result = results[i];
    if (Array.isArray(result) && event.receivedAt > (latestByProvider.get(event.provider) ?? '')) latestByProvider.set(event.provider, event.receivedAt);
  });
  for (const [provider, at] of latestByProvider) store.touchProvider(provider, at);
  return results;
}
