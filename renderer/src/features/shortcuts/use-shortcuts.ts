// Keyboard: arrows or j/k move between cards, Enter opens, b break, t take over, h hand back,
// l listen, Escape closes what is open (this list, a keypad or transfer form) or goes back, ? shows
// the list. Never while typing in a field.
import { useEffect } from 'react';
import type { Bridge } from '../../bridge/index.ts';
import { useStore } from '../../store/index.ts';
import { callControls, hasLiveStream } from '../board/call-controls.ts';

/** The shortcuts the list shows, in order: each has its keys and what it does in the language files (`shortcuts.<name>`). */
export const SHORTCUTS = ['move', 'open', 'takeOver', 'handBack', 'break', 'listen', 'keys', 'escape', 'help'] as const;

const typing = (target: EventTarget | null) =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);

/** The cards in the order the board shows them (it keeps places while the supervisor works on it). */
const cardsShown = () => [...document.querySelectorAll<HTMLElement>('[data-call-id]')];

export function useShortcuts(api: Bridge | undefined): void {
  useEffect(() => {
    if (!api) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || typing(event.target)) return;
      const state = useStore.getState();
      if (event.key === '?') return state.setHelpOpen(!state.helpOpen);
      if (event.key === 'Escape') {
        if (state.helpOpen) return state.setHelpOpen(false);
        if (state.panel) return state.openPanel(undefined);
        if (state.route.name !== 'board') location.hash = '#/';
        return;
      }
      const onBoard = state.route.name === 'board';
      const targetId = state.route.name === 'call' ? state.route.id : state.focusedId;
      const move = { ArrowRight: 1, ArrowDown: 1, j: 1, ArrowLeft: -1, ArrowUp: -1, k: -1 }[event.key];
      const cards = onBoard && move ? cardsShown() : [];
      if (cards.length) {
        event.preventDefault();
        const at = cards.findIndex((card) => card.dataset.callId === state.focusedId);
        const next = cards[Math.max(0, Math.min(cards.length - 1, at < 0 ? 0 : at + move!))]!;
        state.focus(next.dataset.callId);
        next.focus();
        return;
      }
      if (!targetId) return;
      const call = state.calls.get(targetId);
      if (!call || !hasLiveStream(call)) return;
      const controls = callControls(api, targetId);
      const action = { b: controls.breakSpeech, t: controls.takeOver, h: controls.handBack, l: controls.toggleListen }[event.key];
      if (action) {
        event.preventDefault();
        void action();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [api]);
}
