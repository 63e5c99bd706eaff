// Where the supervisor is and what they see: the route, the focused card, the theme, which call
// they listen to or hold, and the outcome of each command they sent (shown on the card).
import type { StateCreator } from 'zustand';
import type { Store } from './index.ts';

export type Route = { name: 'board' } | { name: 'call'; id: string } | { name: 'history' } | { name: 'settings' };
export type Theme = 'system' | 'light' | 'dark';

export interface Feedback {
  tone: 'pending' | 'ok' | 'error';
  text: string;
  at: number;
}

export interface UiSlice {
  route: Route;
  focusedId: string | undefined;
  theme: Theme;
  listeningTo: string | undefined;
  /** Calls this supervisor took over (their microphone goes to the call). */
  holding: Set<string>;
  /** The card whose keypad or transfer form is open. */
  panel: { callId: string; kind: 'keypad' | 'transfer' } | undefined;
  feedback: Map<string, Feedback>;
  navigate(route: Route): void;
  focus(id: string | undefined): void;
  setTheme(theme: Theme): void;
  setListening(id: string | undefined): void;
  setHolding(id: string, holding: boolean): void;
  openPanel(panel: UiSlice['panel']): void;
  setFeedback(callId: string, feedback: Feedback | undefined): void;
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  route: { name: 'board' },
  focusedId: undefined,
  theme: 'system',
  listeningTo: undefined,
  holding: new Set(),
  panel: undefined,
  feedback: new Map(),
  navigate: (route) => set({ route }),
  focus: (focusedId) => set({ focusedId }),
  setTheme: (theme) => set({ theme }),
  setListening: (listeningTo) => set({ listeningTo }),
  setHolding: (id, holding) =>
    set((state) => {
      const next = new Set(state.holding);
      if (holding) next.add(id);
      else next.delete(id);
      return { holding: next };
    }),
  openPanel: (panel) => set({ panel }),
  setFeedback: (callId, feedback) =>
    set((state) => {
      const next = new Map(state.feedback);
      if (feedback) next.set(callId, feedback);
      else next.delete(callId);
      return { feedback: next };
    }),
});
