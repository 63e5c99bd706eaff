// The calls not ended, held in memory (the store keeps the rest), as every view shows them: the
// call as stored plus what only memory knows (a live stream's figures, the bot's state), added by
// overlays. Lists answer with the same search, order and cursor as the store.
import type { CallList, CallQuery } from '../../../shared/api.ts';
import { isLive, type Call } from '../../../shared/call.ts';
import { queryInMemory } from '../store/call-query.ts';
import type { CallReads } from '../store/call-reads.ts';

/** Adds what only memory knows to a call as stored; returns the call unchanged when it knows nothing. */
export type Overlay = (call: Call) => Call;

/** How many calls that ended here stay in memory (a session or bot may still look at its call). */
const RECENTLY_ENDED = 1000;

export class LiveCalls {
  private readonly store: CallReads;
  private readonly calls = new Map<string, Call>();
  /** Calls that ended while this engine watched, oldest first, so reads of a just-ended call need no store. */
  private readonly ended = new Map<string, Call>();
  private readonly overlays: Overlay[] = [];

  /** Starts empty; `load()` brings in the calls the store says are still live. */
  constructor(store: CallReads) {
    this.store = store;
  }

  /** Takes the calls the store says are still live (from the last week; older ones lost their hang-up). */
  async load(): Promise<this> {
    for (const call of await this.store.recentLiveCalls()) if (!this.calls.has(call.id) && !this.ended.has(call.id)) this.calls.set(call.id, call);
    return this;
  }

  /** A call as just stored: kept while live, moved to the recently ended once ended. */
  track(call: Call): void {
    if (isLive(call)) {
      this.calls.set(call.id, call);
      return;
    }
    this.calls.delete(call.id);
    this.ended.delete(call.id);
    this.ended.set(call.id, call);
    if (this.ended.size > RECENTLY_ENDED) this.ended.delete(this.ended.keys().next().value!);
  }

  addOverlay(overlay: Overlay): void {
    this.overlays.push(overlay);
  }

  /** `call` as every view shows it (the overlays applied). */
  view(call: Call): Call {
    return this.overlays.reduce((c, add) => add(c), call);
  }

  /** A call by id, as every view shows it, from memory: live, or recently ended here; undefined otherwise. */
  get(id: string): Call | undefined {
    const call = this.stored(id);
    return call && this.view(call);
  }

  /**
   * A call by id, as every view shows it, as the store has it now (with several engines on one
   * store, another engine may have stored its latest event); from memory when the store does not
   * answer it; undefined when unknown.
   */
  async find(id: string): Promise<Call | undefined> {
    const call = (await this.store.getCall(id)) ?? this.calls.get(id) ?? this.ended.get(id);
    return call && this.view(call);
  }

  /** A live or recently ended call as stored (no overlay: e.g. its `mode` only once an event set it); undefined when not in memory. */
  stored(id: string): Call | undefined {
    return this.calls.get(id) ?? this.ended.get(id);
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
