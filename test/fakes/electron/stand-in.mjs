// A stand-in for the `electron` module that records what the main process asks of it and lets a
// test drive it: it prints one JSON line per notable call on stdout (prefix "electron:"), and
// answers IPC invokes written to stdin as JSON lines {"channel", "args"} from "our window".
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
export const session = { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {}, setDevicePermissionHandler() {} } };
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (s) => Buffer.from(s).reverse(),
  decryptString: (b) => Buffer.from(b).reverse().toString(),
  getSelectedStorageBackend: () => 'gnome_libsecret',
};
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const shell = { openExternal: async (url) => report('openExternal', { url }) };
export const systemPreferences = { askForMediaAccess: async () => true };
export const dialog = { showErrorBox: (title, message) => report('errorBox', { title, message }) };
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
export const Menu = { buildFromTemplate: (template) => ({ template }), setApplicationMenu: (menu) => report('menu', { labels: menu.template.map((m) => m.label ?? m.role) }) };

createInterface({ input: process.stdin }).on('line', async (line) => {
  const { channel, args = [] } = JSON.parse(line);
  const handler = handlers.get(channel);
  const event = { sender: webContents, senderFrame: mainFrame };
  if (!handler) return report('answer', { channel, missing: true });
  const result = await handler(event, ...args);
  report('answer', { channel, result });
});
process.on('SIGTERM', () => app.quit());

export default { app, BrowserWindow, ipcMain, protocol, session, safeStorage, screen, shell, systemPreferences, dialog, Notification, Tray, Menu };
