// Whether the bot says its short hand-back line ("Thank you for your patience, I am back with you.")
// when this supervisor hands a call back: a preference of this page, kept in this browser per
// supervisor (their team account's id, or `local` for the loopback console and the desktop app), so
// two people sharing a browser each keep theirs. Every hand back from this console follows it: the
// buttons, the `h` shortcut, the menu, and leaving a held call.
import { useEffect } from 'react';
import type { Me } from '../../../../shared/team.ts';
import { useStore } from '../../store/index.ts';

const PREFIX = 'ringside.handBackLine.';

/** The storage key of `me`'s preference. */
export const handBackLineKey = (me: Me | undefined) => `${PREFIX}${me?.account.id ?? 'local'}`;

/** `me`'s saved preference; off when none is saved (or storage is unavailable). */
export function savedHandBackLine(me: Me | undefined, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): boolean {
  try {
    return storage?.getItem(handBackLineKey(me)) === 'on';
  } catch {
    return false;
  }
}

/** Sets the preference for the supervisor signed in now, and remembers it for them. */
export function chooseHandBackLine(on: boolean, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  const state = useStore.getState();
  state.setHandBackLine(on);
  try {
    storage?.setItem(handBackLineKey(state.me), on ? 'on' : 'off');
  } catch {
    // Private windows may refuse storage: the choice then lasts for this page.
  }
}

/** Reads the signed-in supervisor's preference at start and whenever who is signed in changes. */
export function useHandBackLinePreference(): void {
  const me = useStore((s) => s.me);
  useEffect(() => useStore.getState().setHandBackLine(savedHandBackLine(me)), [me]);
}
