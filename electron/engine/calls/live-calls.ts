// The calls not ended, held in memory (the store keeps the rest), as every view shows them: the
// call as stored plus what only memory knows (a live stream's figures, the bot's state), added by
// overlays. Lists answer with the same search, order and cursor as the store.
import type { CallList, CallQuery } from '../../../shared/api.ts';
import { isLive, type Call } from '../../../shared/call.ts';
import { queryInMemory } from '../store/call-query.ts';
import type { CallStore } from '../store/call-store.ts';

/** Adds what only memory knows to a call as stored; returns the call unchanged when it knows nothing. */
export type Overlay = (call: Call) => Call;

export class LiveCalls {
  private readonly store: CallStore;
  private readonly calls = new Map<string, Call>();
  private readonly overlays: Overlay[] = [];

  /** Starts with the calls the store says are still live (from the last week; older ones lost their hang-up). */
  constructor(store: CallStore) {
    this.store = store;
    for (const call of store.recentLiveCalls()) this.calls.set(call.id, call);
  }

  /** A call as just stored: kept while live, forgotten once ended. */
  track(call: Call): void {
    if (isLive(call)) this.calls.set(call.id, call);
    else this.calls.delete(call.id);
  }

  addOverlay(overlay: Overlay): void {
    this.overlays.push(overlay);
  }

  /** `call` as every view shows it (the overlays applied). */
  view(call: Call): Call {
    return this.overlays.reduce((c, add) => add(c), call);
  }

  /** A call by id, as every view shows it: from memory while live, else from the store; undefined when unknown. */
  get(id: string): Call | undefined {
    const call = this.calls.get(id) ?? this.store.getCall(id);
    return call && this.view(call);
  }

  /** A call by id as stored (no overlay: e.g. its `mode` only once an event set it); undefined when unknown. */
  stored(id: string): Call | undefined {
    return this.calls.get(id) ?? this.store.getCall(id);
  }

  /** Every live call, as every view shows it, in no particular order. */
  list(): Call[] {
    return [...this.calls.values()].map((call) => this.view(call));
  }

  /** Whether a call is live (held in memory), without making its view. */
  has(id: string): boolean {
    return this.calls.has(id);
  }

  get count(): number {
    return this.calls.size;
  }

  /** Live calls matching `query`, exactly as the store would list them (throws ApiError 400 for a bad cursor or date). */
  query(query: Omit<CallQuery, 'state'>): CallList {
    return queryInMemory(this.list(), query);
  }
}
