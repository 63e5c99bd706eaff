// Desktop app: the native menu, tray and notifications ask for a view or a call shortcut; a
// shortcut goes through the same keyboard handler as the key itself.
import { useEffect } from 'react';
import type { Bridge } from '../../bridge/index.ts';

export function useMenuActions(api: Bridge): void {
  useEffect(
    () =>
      api.onMenu?.((action) => {
        if (action.type === 'navigate') location.hash = action.path;
        else window.dispatchEvent(new KeyboardEvent('keydown', { key: action.key }));
      }),
    [api],
  );
}
