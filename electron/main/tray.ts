// The tray (menu-bar) icon: the number of live calls at a glance, and a way back to the window,
// in the console's language.
import type { Menu as MenuType, Tray as TrayType } from 'electron';
import type { TFunction } from 'i18next';
import type { LiveListener } from '../../shared/api.ts';
import { isLive } from '../../shared/call.ts';
import { englishT } from './language.ts';

export const trayLabel = (live: number, t: TFunction = englishT): string => t('tray.live', { count: live });

export interface TrayDeps {
  Tray: typeof TrayType;
  Menu: typeof MenuType;
  icon: string;
  isMac: boolean;
  show: () => void;
  quit: () => void;
  /** The current language's translator (read at each update: the language may change). */
  t?: () => TFunction;
}

export function setupTray({ Tray, Menu, icon, isMac, show, quit, t = () => englishT }: TrayDeps): { setLiveCount(live: number): void; relabel(): void; destroy(): void } {
  const tray = new Tray(icon);
  let last = -1;
  const label = (live: number) => {
    const words = t();
    tray.setToolTip(trayLabel(live, words));
    // macOS shows text beside the menu-bar icon; elsewhere the tooltip and menu carry it.
    if (isMac) tray.setTitle(live ? String(live) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([{ label: trayLabel(live, words), enabled: false }, { type: 'separator' }, { label: words('tray.show'), click: show }, { label: words('tray.quit'), click: quit }]),
    );
  };
  const setLiveCount = (live: number) => {
    if (live === last) return;
    last = live;
    label(live);
  };
  tray.on('click', show);
  setLiveCount(0);
  return { setLiveCount, relabel: () => label(Math.max(0, last)), destroy: () => tray.destroy() };
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
