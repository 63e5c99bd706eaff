// Where the supervisor is and what they see: the route, the focused card, the theme and language,
// which call they listen to or hold (and their microphone's state), the shortcut list, and the
// outcome of each command they sent (shown on the card).
import type { StateCreator } from 'zustand';
import type { LanguageChoice } from '../../../shared/i18n/index.ts';
import { savedLanguageChoice } from '../i18n/index.ts';
import type { Store } from './index.ts';

export type Route = { name: 'board' } | { name: 'call'; id: string } | { name: 'history' } | { name: 'settings' } | { name: 'wallboard' } | { name: 'privacy' };
export type Theme = 'system' | 'light' | 'dark';

/**
 * The supervisor's microphone on the call they hold: being started (the browser may be asking),
 * live (their voice goes to the caller), or off (refused, or it failed: they hold the call silently).
 */
export type MicrophoneState = 'starting' | 'live' | 'off';

export interface Feedback {
  tone: 'pending' | 'ok' | 'error';
  text: string;
  at: number;
}

export interface UiSlice {
  route: Route;
  focusedId: string | undefined;
  theme: Theme;
  language: LanguageChoice;
  listeningTo: string | undefined;
  /** The call this supervisor took over: one at a time, their microphone goes to it. */
  holding: string | undefined;
  microphone: MicrophoneState;
  /** The card whose keypad or transfer form is open. */
  panel: { callId: string; kind: 'keypad' | 'transfer' } | undefined;
  /** The keyboard shortcut list is showing. */
  helpOpen: boolean;
  feedback: Map<string, Feedback>;
  /** Hand back asks the bot to say its short hand-back line (this supervisor's preference). */
  handBackLine: boolean;
  navigate(route: Route): void;
  focus(id: string | undefined): void;
  setTheme(theme: Theme): void;
  setLanguage(language: LanguageChoice): void;
  setListening(id: string | undefined): void;
  setHolding(id: string | undefined, microphone?: MicrophoneState): void;
  setMicrophone(microphone: MicrophoneState): void;
  openPanel(panel: UiSlice['panel']): void;
  setHelpOpen(open: boolean): void;
  setFeedback(callId: string, feedback: Feedback | undefined): void;
  setHandBackLine(on: boolean): void;
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  route: { name: 'board' },
  focusedId: undefined,
  theme: 'system',
  language: savedLanguageChoice(),
  listeningTo: undefined,
  holding: undefined,
  microphone: 'off',
  panel: undefined,
  helpOpen: false,
  feedback: new Map(),
  handBackLine: false,
  navigate: (route) => set({ route }),
  focus: (focusedId) => set({ focusedId }),
  setTheme: (theme) => set({ theme }),
  setLanguage: (language) => set({ language }),
  setListening: (listeningTo) => set({ listeningTo }),
  setHolding: (holding, microphone = 'off') => set({ holding, microphone: holding ? microphone : 'off' }),
  setMicrophone: (microphone) => set({ microphone }),
  openPanel: (panel) => set({ panel }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setFeedback: (callId, feedback) =>
    set((state) => {
      const next = new Map(state.feedback);
      if (feedback) next.set(callId, feedback);
      else next.delete(callId);
      return { feedback: next };
    }),
  setHandBackLine: (handBackLine) => set({ handBackLine }),
});
