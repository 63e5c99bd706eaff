// The tray (menu-bar) icon: the number of live calls at a glance, and a way back to the window.
import type { Menu as MenuType, Tray as TrayType } from 'electron';

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
