// Keyboard: arrows or j/k move between cards, Enter opens, b break, t take over, h hand back,
// l listen, Escape goes back, ? shows the list. Never while typing in a field.
import { useEffect } from 'react';
import type { Bridge } from '../../bridge/index.ts';
import { useStore } from '../../store/index.ts';
import { callControls, hasLiveStream } from '../board/call-controls.ts';
import { orderCalls } from '../board/call-state.ts';

export const SHORTCUTS: [string, string][] = [
  ['← → ↑ ↓ / j k', 'Move between calls'],
  ['Enter', 'Open the call'],
  ['t', 'Take over'],
  ['h', 'Hand back to the bot'],
  ['b', 'Break (stop what is playing)'],
  ['l', 'Listen in / stop'],
  ['0–9 * #', 'Keys, when a keypad is open'],
  ['Esc', 'Close, or back to the board'],
  ['?', 'This list'],
];

const typing = (target: EventTarget | null) =>
  target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || (target instanceof HTMLElement && target.isContentEditable);

export function useShortcuts(api: Bridge | undefined, toggleHelp: () => void): void {
  useEffect(() => {
    if (!api) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey || typing(event.target)) return;
      const state = useStore.getState();
      if (event.key === '?') return toggleHelp();
      if (event.key === 'Escape') {
        if (state.panel) return state.openPanel(undefined);
        if (state.route.name !== 'board') location.hash = '#/';
        return;
      }
      const onBoard = state.route.name === 'board';
      const targetId = state.route.name === 'call' ? state.route.id : state.focusedId;
      const ordered = onBoard ? orderCalls(state.calls.values(), state.holding) : [];
      const move = { ArrowRight: 1, ArrowDown: 1, j: 1, ArrowLeft: -1, ArrowUp: -1, k: -1 }[event.key];
      if (onBoard && move && ordered.length) {
        event.preventDefault();
        const at = ordered.findIndex((call) => call.id === state.focusedId);
        const next = ordered[Math.max(0, Math.min(ordered.length - 1, at < 0 ? 0 : at + move))]!;
        state.focus(next.id);
        document.querySelector<HTMLElement>(`[data-call-id="${CSS.escape(next.id)}"]`)?.focus();
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
  }, [api, toggleHelp]);
}
