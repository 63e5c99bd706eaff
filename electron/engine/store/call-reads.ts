// What the engine reads from the store about calls and events, whichever backend holds them: the
// embedded SQLite file of one engine (CallStore, read on the main thread) or PostgreSQL shared by
// several engines (pg/pg-call-reads.ts). Every read is asynchronous so a networked backend fits;
// the SQLite adapter answers at once.
import type { CallList, CallQuery } from '../../../shared/api.ts';
import type { Call, CallEvent, Provider } from '../../../shared/call.ts';
import type { Stats } from '../../../shared/stats.ts';
import type { CallStore } from './call-store.ts';

export interface CallReads {
  getCall(id: string): Promise<Call | undefined>;
  /** The call's events in the order they were stored. */
  eventsFor(callId: string): Promise<CallEvent[]>;
  /** The body as received (secrets masked), when the event came from a provider. */
  rawBodyOf(eventId: string): Promise<string | undefined>;
  /** Calls newest first (throws ApiError 400 for a bad cursor or date). */
  listCalls(query: CallQuery): Promise<CallList>;
  /** Calls not ended that started in the last week (older ones lost their hang-up and are stale). */
  recentLiveCalls(now?: number): Promise<Call[]>;
  /** The wallboard's figures for calls that started in [from, to) (shared/stats.ts). */
  stats(from: Date, to: Date, now?: Date): Promise<Stats>;
  counts(): Promise<{ events: number; calls: number }>;
  lastEventAt(provider: Provider): Promise<string | undefined>;
}

/** The SQLite store's reads behind the common interface (each answers synchronously underneath). */
export function sqliteReads(store: CallStore): CallReads {
  return {
    getCall: async (id) => store.getCall(id),
    eventsFor: async (callId) => store.eventsFor(callId),
    rawBodyOf: async (eventId) => store.rawBodyOf(eventId),
    listCalls: async (query) => store.listCalls(query),
    recentLiveCalls: async (now) => store.recentLiveCalls(now),
    stats: async (from, to, now) => store.stats(from, to, now),
    counts: async () => store.counts(),
    lastEventAt: async (provider) => store.lastEventAt(provider),
  };
}
