// The tray (menu-bar) icon: the number of live calls at a glance, and a way back to the window.
import type { Menu as MenuType, Tray as TrayType } from 'electron';
import type { LiveListener } from '../../shared/api.ts';
import { isLive } from '../../shared/call.ts';

export const trayLabel = (live: number): string => (live === 0 ? 'Ringside: no live calls' : live === 1 ? 'Ringside: 1 live call' : `Ringside: ${live} live calls`);

export interface TrayDeps {
  Tray: typeof TrayType;
  Menu: typeof MenuType;
  icon: string;
  isMac: boolean;
  show: () => void;
  quit: () => void;
}

export function setupTray({ Tray, Menu, icon, isMac, show, quit }: TrayDeps): { setLiveCount(live: number): void; destroy(): void } {
  const tray = new Tray(icon);
  let last = -1;
  const setLiveCount = (live: number) => {
    if (live === last) return;
    last = live;
    tray.setToolTip(trayLabel(live));
    // macOS shows text beside the menu-bar icon; elsewhere the tooltip and menu carry it.
    if (isMac) tray.setTitle(live ? String(live) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([{ label: trayLabel(live), enabled: false }, { type: 'separator' }, { label: 'Show Ringside', click: show }, { label: 'Quit Ringside', click: quit }]),
    );
  };
  tray.on('click', show);
  setLiveCount(0);
  return { setLiveCount, destroy: () => tray.destroy() };
}

/**
 * Counts the live calls from the console API's feed (the live calls first, then each call's
 * updates): reports the count once subscribed, then each time it changes; returns the function that
 * stops counting.
 */
export function countLiveCalls(subscribe: (listener: LiveListener) => () => void, report: (live: number) => void): () => void {
  const live = new Set<string>();
  let reported: number | undefined;
  const unsubscribe = subscribe((message) => {
    if (message.type !== 'call.updated') return; // not the 10-per-second waveform peaks
    if (isLive(message.call)) live.add(message.call.id);
    else live.delete(message.call.id);
    if (reported !== undefined && live.size !== reported) report((reported = live.size));
  });
  report((reported = live.size));
  return unsubscribe;
}
