// One clock for every timer on screen: a card's timer re-renders once a second without each card
// keeping an interval of its own.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) now = Date.now(); // the clock was idle: its last reading is stale
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** While no timer runs, "now" is read fresh, to the second (a stable snapshot within a render). */
const snapshot = () => (timer ? now : (now = Math.floor(Date.now() / 1000) * 1000));

export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
