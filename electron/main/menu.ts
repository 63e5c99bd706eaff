// Native menus: the views, the call shortcuts (shown with their keys; the page handles the keys
// themselves so typing in a field is never hijacked), demo calls, and the platform's usual items,
// every label in the console's language (Electron names role items in English by itself).
import type { MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';
import type { MenuAction } from '../../shared/ipc.ts';
import { englishT } from './language.ts';

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
  /** The labels' language (English by default). */
  t?: TFunction;
}

export function menuTemplate({ isMac, devTools, send, toggleDemo, microphone, t = englishT }: MenuDeps): MenuItemConstructorOptions[] {
  const go = (path: string) => () => send({ type: 'navigate', path });
  const key = (label: string, accelerator: string, shortcut: 'b' | 't' | 'h' | 'l'): MenuItemConstructorOptions => ({
    label,
    accelerator,
    // Shown in the menu only: the page listens for the bare key itself.
    registerAccelerator: false,
    click: () => send({ type: 'shortcut', key: shortcut }),
  });
  const role = (name: NonNullable<MenuItemConstructorOptions['role']>, label: string): MenuItemConstructorOptions => ({ role: name, label });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const settings: MenuItemConstructorOptions = { label: t('menu.settingsEllipsis'), accelerator: 'CmdOrCtrl+,', click: go('#/settings') };
  return [
    ...(isMac
      ? [
          {
            role: 'appMenu' as const,
            submenu: [
              role('about', t('menu.about')),
              separator,
              settings,
              separator,
              role('services', t('menu.services')),
              separator,
              role('hide', t('menu.hide')),
              role('hideOthers', t('menu.hideOthers')),
              role('unhide', t('menu.unhide')),
              separator,
              role('quit', t('menu.quit')),
            ],
          },
        ]
      : []),
    {
      label: t('menu.file'),
      submenu: [
        { label: t('menu.demo'), click: toggleDemo },
        ...(isMac ? [] : [settings]),
        // Electron flips a checkbox before calling click: `checked` is the new answer.
        ...(microphone ? [{ label: t('menu.microphone'), type: 'checkbox' as const, checked: microphone.allowed, click: (item: { checked: boolean }) => microphone.set(item.checked) }] : []),
        separator,
        isMac ? role('close', t('menu.closeWindow')) : role('quit', t('menu.quit')),
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        role('undo', t('menu.undo')),
        role('redo', t('menu.redo')),
        separator,
        role('cut', t('menu.cut')),
        role('copy', t('menu.copy')),
        role('paste', t('menu.paste')),
        role('selectAll', t('menu.selectAll')),
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { label: t('menu.liveCalls'), accelerator: 'CmdOrCtrl+1', click: go('#/') },
        { label: t('menu.history'), accelerator: 'CmdOrCtrl+2', click: go('#/history') },
        { label: t('menu.settings'), accelerator: 'CmdOrCtrl+3', click: go('#/settings') },
        separator,
        role('resetZoom', t('menu.resetZoom')),
        role('zoomIn', t('menu.zoomIn')),
        role('zoomOut', t('menu.zoomOut')),
        separator,
        role('togglefullscreen', t('menu.fullScreen')),
        ...(devTools ? [separator, role('reload', t('menu.reload')), role('toggleDevTools', t('menu.devTools'))] : []),
      ],
    },
    {
      label: t('menu.call'),
      submenu: [key(t('menu.takeOver'), 'T', 't'), key(t('menu.handBack'), 'H', 'h'), key(t('menu.break'), 'B', 'b'), key(t('menu.listen'), 'L', 'l')],
    },
    { role: 'windowMenu', label: t('menu.window'), submenu: [role('minimize', t('menu.minimize')), role('zoom', t('menu.zoom')), ...(isMac ? [separator, role('front', t('menu.front'))] : [role('close', t('menu.closeWindow'))])] },
    { role: 'help', label: t('menu.help'), submenu: [{ label: t('menu.connectProvider'), click: go('#/settings') }] },
  ];
}
