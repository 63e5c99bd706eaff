// Native menus: the views, the call shortcuts (shown with their keys; the page handles the keys
// themselves so typing in a field is never hijacked), demo calls, and the platform's usual items.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction } from '../../shared/ipc.ts';

export interface MenuDeps {
  isMac: boolean;
  devTools: boolean;
  /** Ask the window to do something (it is shown first). */
  send: (action: MenuAction) => void;
  toggleDemo: () => void;
  /**
   * Windows and Linux: whether take-overs may use the microphone, and how to change it (macOS keeps
   * that answer in its own Privacy settings, so there the item is absent).
   */
  microphone?: { allowed: boolean; set: (allowed: boolean) => void };
}

export function menuTemplate({ isMac, devTools, send, toggleDemo, microphone }: MenuDeps): MenuItemConstructorOptions[] {
  const go = (path: string) => () => send({ type: 'navigate', path });
  const key = (label: string, accelerator: string, shortcut: 'b' | 't' | 'h' | 'l'): MenuItemConstructorOptions => ({
    label,
    accelerator,
    // Shown in the menu only: the page listens for the bare key itself.
    registerAccelerator: false,
    click: () => send({ type: 'shortcut', key: shortcut }),
  });
  const settings: MenuItemConstructorOptions = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: go('#/settings') };
  return [
    ...(isMac ? [{ role: 'appMenu' as const, submenu: [{ role: 'about' as const }, { type: 'separator' as const }, settings, { type: 'separator' as const }, { role: 'services' as const }, { type: 'separator' as const }, { role: 'hide' as const }, { role: 'hideOthers' as const }, { role: 'unhide' as const }, { type: 'separator' as const }, { role: 'quit' as const }] }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Start or stop demo calls', click: toggleDemo },
        ...(isMac ? [] : [settings]),
        // Electron flips a checkbox before calling click: `checked` is the new answer.
        ...(microphone ? [{ label: 'Use Microphone for Take Over', type: 'checkbox' as const, checked: microphone.allowed, click: (item: { checked: boolean }) => microphone.set(item.checked) }] : []),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { label: 'Live calls', accelerator: 'CmdOrCtrl+1', click: go('#/') },
        { label: 'History', accelerator: 'CmdOrCtrl+2', click: go('#/history') },
        { label: 'Settings', accelerator: 'CmdOrCtrl+3', click: go('#/settings') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    {
      label: 'Call',
      submenu: [key('Take over', 'T', 't'), key('Hand back to the bot', 'H', 'h'), key('Break', 'B', 'b'), key('Listen in', 'L', 'l')],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Connect a provider…', click: go('#/settings') }] },
  ];
}
