// Live calls as the board shows them. A call that ends stays a few seconds (marked ended), so a
// supervisor sees it go rather than vanish.
import type { StateCreator } from 'zustand';
import type { Call } from '../../../shared/call.ts';
import type { Store } from './index.ts';

export const ENDED_LINGER_MS = 8000;

export interface CallsSlice {
  calls: Map<string, Call>;
  upsertCall(call: Call): void;
  /** The live calls after a (re)connection: the server's list is the truth. */
  replaceLive(calls: Call[]): void;
  removeCall(id: string): void;
}

export const createCallsSlice: StateCreator<Store, [], [], CallsSlice> = (set) => ({
  calls: new Map(),
  upsertCall: (call) =>
    set((state) => {
      const calls = new Map(state.calls);
      calls.set(call.id, call);
      return { calls };
    }),
  replaceLive: (live) =>
    set((state) => {
      const calls = new Map(live.map((call) => [call.id, call]));
      // Calls that ended a moment ago keep their place until they age out.
      for (const [id, call] of state.calls) if (call.state === 'ended' && !calls.has(id)) calls.set(id, call);
      return { calls };
    }),
  removeCall: (id) =>
    set((state) => {
      if (!state.calls.has(id)) return {};
      const calls = new Map(state.calls);
      calls.delete(id);
      return { calls };
    }),
});
