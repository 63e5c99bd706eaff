// Writes one batch of deliveries in one transaction: store each new event, fold it into its call,
// save the call. Duplicates (same provider + dedupe key) are reported and change nothing.
import { callIdFor, type Call, type CallEvent } from '../../../shared/call.ts';
import { foldEvent } from '../calls/fold.ts';
import type { IncomingEvent } from '../webhooks/types.ts';
import type { CallLog } from './call-log.ts';
import { inTransaction } from './database.ts';

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

/** Throws (and writes nothing) when the transaction cannot commit. */
export function applyBatch(log: CallLog, deliveries: Delivery[]): IngestResult[] {
  const touched = new Map<string, Call>();
  const latestByProvider = new Map<CallEvent['provider'], string>();
  return inTransaction(log.db, () => {
    const results = deliveries.map((delivery): IngestResult => {
      const incoming = delivery.event;
      const unnumbered: Omit<CallEvent, 'id'> = { ...incoming, receivedAt: delivery.receivedAt ?? new Date().toISOString() };
      if (incoming.providerCallId) unnumbered.callId = callIdFor(incoming.provider, incoming.providerCallId);
      const id = log.insertEvent(unnumbered, delivery.dedupeKey, delivery.storedBody);
      if (id === undefined) return { duplicate: true };
      const event: CallEvent = { id, ...unnumbered };
      if (event.receivedAt > (latestByProvider.get(event.provider) ?? '')) latestByProvider.set(event.provider, event.receivedAt);
      if (!event.callId) return { duplicate: false, event };
      const call = foldEvent(touched.get(event.callId) ?? log.getCall(event.callId), event);
      log.upsertCall(call);
      touched.set(call.id, call);
      return { duplicate: false, event, call };
    });
    for (const [provider, at] of latestByProvider) log.touchProvider(provider, at);
    return results;
  });
}
