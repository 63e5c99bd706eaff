// A stand-in for the `electron` module that records what the main process asks of it and lets a
// test drive it: it prints one JSON line per notable call on stdout (prefix "electron:"), and
// answers IPC invokes written to stdin as JSON lines {"channel", "args"} from "our window"; other
// stdin lines stand for the supervisor: a permission request from the page, a dialog answer, a
// menu click.
import { EventEmitter } from 'node:events';
import { createInterface } from 'node:readline';

const report = (what, detail = {}) => process.stdout.write(`electron:${JSON.stringify({ what, ...detail })}\n`);
const userData = process.env.STAND_IN_USER_DATA;

class Emitter extends EventEmitter {}

const mainFrame = { url: '' };
const webContents = Object.assign(new Emitter(), {
  mainFrame,
  isDestroyed: () => false,
  send: (channel, payload) => report('send', { channel, type: payload?.type }),
  setWindowOpenHandler: () => report('windowOpenHandler'),
  getURL: () => mainFrame.url,
});

export class BrowserWindow extends Emitter {
  constructor(options) {
    super();
    this.webContents = webContents;
    report('window', { webPreferences: options.webPreferences });
    app.emit('web-contents-created', {}, webContents);
  }
  loadURL(url) {
    mainFrame.url = url;
    report('loadURL', { url });
    return Promise.resolve();
  }
  isMinimized = () => false;
  isMaximized = () => false;
  isDestroyed = () => false;
  maximize() {}
  restore() {}
  show() {}
  focus() {}
  getBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 });
  getNormalBounds = () => this.getBounds();
}

const handlers = new Map();
export const ipcMain = {
  handle: (channel, fn) => handlers.set(channel, fn),
  on: (channel, fn) => handlers.set(channel, fn),
};

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  /** The system's languages: STAND_IN_LANGUAGES (comma-separated), default English. */
  getPreferredSystemLanguages: () => (process.env.STAND_IN_LANGUAGES ?? 'en-US').split(','),
  getLocale: () => (process.env.STAND_IN_LANGUAGES ?? 'en-US').split(',')[0],
  getPath: (name) => {
    if (name !== 'userData') throw new Error(`unexpected path ${name}`);
    return userData;
  },
  quit: () => {
    report('quit');
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    app.emit('before-quit', event);
    if (!event.prevented) process.exit(0);
  },
  exit: (code) => {
    report('exit', { code });
    process.exit(code);
  },
});

export const protocol = {
  registerSchemesAsPrivileged: (schemes) => report('privileged', { schemes }),
  handle: (scheme) => report('protocol', { scheme }),
};
let permissionRequestHandler;
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler) => (permissionRequestHandler = handler),
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
  },
};
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(s).reverse(),
  decryptString: (b) => Buffer.from(b).reverse().toString(),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const shell = { openExternal: async (url) => report('openExternal', { url }) };
export const systemPreferences = { askForMediaAccess: async () => true };
/** Message boxes answer with button STAND_IN_DIALOG_RESPONSE (default 0), or as a later stdin line {"dialogResponse": n} says. */
let dialogResponse = Number(process.env.STAND_IN_DIALOG_RESPONSE ?? 0);
export const dialog = {
  showErrorBox: (title, message) => report('errorBox', { title, message }),
  showMessageBox: async (...args) => {
    const options = args.at(-1);
    report('messageBox', { parented: args.length === 2, message: options.message, buttons: options.buttons, cancelId: options.cancelId, response: dialogResponse });
    return { response: dialogResponse, checkboxChecked: false };
  },
};
export class Notification extends Emitter {
  static isSupported = () => true;
  constructor(options) {
    super();
    report('notification', { title: options.title });
  }
  show() {}
}
export class Tray extends Emitter {
  constructor(icon) {
    super();
    report('tray', { icon });
  }
  setToolTip(text) {
    report('tooltip', { text });
  }
  setTitle() {}
  setContextMenu() {}
  destroy() {}
}
const menuItems = (items) => items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? menuItems(item.submenu) : [])]);
let applicationMenu;
export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => {
    applicationMenu = menu;
    const microphone = menuItems(menu.template).find((item) => item.label === 'Use Microphone for Take Over');
    report('menu', { labels: menu.template.map((m) => m.label ?? m.role), ...(microphone && { microphone: microphone.checked }) });
  },
};

/** Clicks a menu item as Electron does (a checkbox flips before its click handler runs). */
function clickMenuItem(label) {
  const item = menuItems(applicationMenu?.template ?? []).find((i) => i.label === label);
  if (!item) return report('menuItem', { label, missing: true });
  if (item.type === 'checkbox') item.checked = !item.checked;
  item.click?.(item);
}

createInterface({ input: process.stdin }).on('line', async (line) => {
  const message = JSON.parse(line);
  // {"permission": "media", "mediaTypes": ["audio"]}: our page asks for a permission (getUserMedia).
  if (message.permission) {
    const details = { requestingUrl: mainFrame.url, mediaTypes: message.mediaTypes ?? [] };
    const granted = await new Promise((resolve) => permissionRequestHandler(webContents, message.permission, resolve, details));
    return report('permission', { permission: message.permission, granted });
  }
  if (message.dialogResponse !== undefined) return void (dialogResponse = message.dialogResponse);
  if (message.menuItem) return clickMenuItem(message.menuItem);
  const { channel, args = [] } = message;
  const handler = handlers.get(channel);
  const event = { sender: webContents, senderFrame: mainFrame };
  if (!handler) return report('answer', { channel, missing: true });
  const result = await handler(event, ...args);
  report('answer', { channel, result });
});
process.on('SIGTERM', () => app.quit());

export default { app, BrowserWindow, ipcMain, protocol, session, safeStorage, screen, shell, systemPreferences, dialog, Notification, Tray, Menu };
