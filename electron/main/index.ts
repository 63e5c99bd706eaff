// The desktop app's main process: every feature is a setupX(deps) call, in this order.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, screen, session, shell, systemPreferences, Tray } from 'electron';
import { ApiError, type ConsoleApi } from '../../shared/api.ts';
import { createI18n, pickLanguage } from '../../shared/i18n/index.ts';
import { APP_SCHEME, EVENTS, type MenuAction } from '../../shared/ipc.ts';
import { setAppPaths } from '../engine/paths.ts';
import { startedByNpmScript, whenParentExits } from '../engine/launcher-watch.ts';
import { createLogger, type Logger } from '../engine/log.ts';
import { connectionStore } from './connection-choice.ts';
import { connectionControl } from './desktop-connection.ts';
import { openConsoleSource, type SourceDeps } from './console-source.ts';
import { setupUpdater } from './updater.ts';
import { createAppHandler } from './app-protocol.ts';
import { desktopArgs, startDesktopEngine } from './engine-host.ts';
import { createEventRelay, openingPeaks } from './event-relay.ts';
import { setupIpc } from './ipc.ts';
import { createMainWindow, preloadPath } from './main-window.ts';
import { menuTemplate } from './menu.ts';
import { createShellLanguage } from './language.ts';
import { createMicrophoneConsent, microphoneDialog } from './microphone-consent.ts';
import { setupNotifications } from './notifications.ts';
import { safeStorageVault } from './secrets.ts';
import { guardContents, isAllowedExternal, setupPermissions } from './security.ts';
import { countLiveCalls, setupTray } from './tray.ts';

const here = import.meta.dirname; // out/main in a build
const isMac = process.platform === 'darwin';
const devTools = !app.isPackaged;
/** `npm start` (electron/engine/cli/start.ts), when it started the app: the app quits when it goes. */
const launcher = startedByNpmScript() ? process.ppid : undefined;

// Before `ready`: our pages get a secure, standard origin (app://ringside) with fetch and streaming.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();
else void main().catch(fatal);

async function main(): Promise<void> {
  await app.whenReady();
  const paths = { resources: join(here, '..', '..', 'resources'), webRoot: join(here, '..', 'renderer'), storeWorker: join(here, 'writer-worker.js') };
  setAppPaths(paths);

  const userData = app.getPath('userData');
  // The console's language (the page says which over IPC); until then, the last one or the system's.
  const language = createShellLanguage({
    file: join(userData, 'preferences.json'),
    system: app.getPreferredSystemLanguages?.() ?? [app.getLocale()],
    onChange: () => {
      setMenu();
      tray.relabel();
    },
  });
  const vault = safeStorageVault(join(userData, 'secrets.json'), safeStorage, process.platform, createLogger());
  // Its own engine, or the Ringside server it signed in to (checked first; when it cannot be used,
  // the app says why and offers to run Ringside on this computer instead).
  const choice = connectionStore(join(userData, 'connection.json'), safeStorageVault(join(userData, 'server-session.json'), safeStorage, process.platform, createLogger()));
  const chosen = choice.read();
  const sourceDeps: SourceDeps = {
    startLocal: () => startDesktopEngine({ args: desktopArgs(process.argv.slice(1)), userData, vault, storeWorker: paths.storeWorker, webRoot: paths.webRoot }),
    t: language.t,
    onSignedOut: () => {
      choice.forgetToken();
      void dialog.showMessageBox({ type: 'warning', title: language.t('shell.remote.unavailableTitle'), message: language.t('shell.remote.signInAgain', { origin: chosen?.mode === 'remote' ? chosen.origin : '' }) });
    },
  };
  let opened = await openConsoleSource(chosen, sourceDeps);
  if (opened.kind === 'unavailable') {
    const buttons = [language.t('shell.remote.runHere'), language.t('shell.remote.quit')];
    const { response } = await dialog.showMessageBox({ type: 'warning', title: language.t('shell.remote.unavailableTitle'), message: opened.reason, buttons, defaultId: 0, cancelId: 1 });
    if (response === 1) return app.quit();
    opened = await openConsoleSource({ mode: 'local' }, sourceDeps);
  }
  if (opened.kind === 'unavailable') throw new Error(opened.reason); // (this computer's engine is never "unavailable")
  const source = opened;
  const api: ConsoleApi = source.api;
  const logger: Logger = source.kind === 'local' ? source.engine.logger : createLogger();
  if (source.kind === 'local') {
    logger.info('desktop app started', { publicUrl: source.engine.publicUrl, dataDir: source.engine.config.dataDir });
  } else {
    logger.info('desktop app connected to a server', { origin: source.origin, name: source.name, serverVersion: source.serverVersion });
  }
  // A packaged app checks the release workflow's artifacts for an update (never in development or tests).
  void setupUpdater({ isPackaged: app.isPackaged, logger });

  // Recordings come through main with the credential the page never sees: the engine's console
  // token, or this app's bearer token on the server.
  const recordings =
    source.kind === 'local'
      ? { consoleUrl: source.engine.consoleUrl, consoleToken: source.engine.consoleToken }
      : { consoleUrl: source.origin, consoleToken: chosen?.mode === 'remote' ? (chosen.token ?? '') : '' };
  protocol.handle(APP_SCHEME, createAppHandler({ webRoot: paths.webRoot, ...recordings }));
  const openExternal = async (url: string) => {
    if (!isAllowedExternal(url)) throw new ApiError(400, language.t('shell.externalRefused', { url }));
    await shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK: only allow-listed https URLs reach this line (isAllowedExternal, tested) */
  };
  let window: BrowserWindow | undefined;
  // macOS asks the supervisor itself (and keeps the answer in its Privacy settings); elsewhere we ask.
  const microphone = isMac
    ? undefined
    : createMicrophoneConsent({
        file: join(userData, 'permissions.json'),
        prompt: async () => {
          const options = microphoneDialog(language.t);
          return (await (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options))).response === 0;
        },
        onChange: () => setMenu(),
      });
  setupPermissions({
    session: session.defaultSession,
    openExternal,
    askForMicrophone: microphone ? () => microphone.request() : () => systemPreferences.askForMediaAccess('microphone'),
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents, openExternal));

  const relay = createEventRelay((message) => window?.webContents.send(EVENTS.live, message), () => openingPeaks(api));
  api.subscribe((message) => relay.push(message));
  const account = source.kind === 'remote' ? await source.api.me().then((me) => me.account, () => undefined) : undefined;
  const connection = connectionControl({
    store: choice,
    current:
      source.kind === 'local'
        ? { mode: 'local', chosen: chosen !== undefined }
        : { mode: 'remote', chosen: true, origin: source.origin, serverVersion: source.serverVersion, ...(account && { account }) },
    t: () => language.t,
    relaunch: () => {
      app.relaunch();
      app.quit();
    },
  });
  const ipc = setupIpc({ ipcMain, api, contents: () => window?.webContents, relay, openExternal, logger, onLanguage: (chosen) => language.set(chosen), connection });

  const openWindow = () => {
    window = createMainWindow({
      BrowserWindow,
      workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
      preload: preloadPath(here),
      stateFile: join(userData, 'window-state.json'),
      devTools,
    });
    // A reload or a crashed page starts over: queue updates and stop its listen-in until it is back.
    window.webContents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) {
        relay.notReady();
        ipc.stopListening();
      }
    });
    window.webContents.on('render-process-gone', () => relay.notReady());
    window.on('closed', () => {
      relay.notReady();
      ipc.stopListening();
      window = undefined;
    });
  };
  const show = (action?: MenuAction) => {
    if (!window) openWindow();
    if (window!.isMinimized()) window!.restore();
    window!.show();
    window!.focus();
    if (action) window!.webContents.send(EVENTS.menu, action);
  };
  openWindow();

  function setMenu(): void {
    const microphoneItem = microphone && { allowed: microphone.answer === 'allowed', set: (allowed: boolean) => microphone.set(allowed ? 'allowed' : 'denied') };
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(menuTemplate({ isMac, devTools, send: show, toggleDemo: () => toggleDemo({ api, logger }), t: language.t, ...(microphoneItem && { microphone: microphoneItem }) })),
    );
  }
  const tray = setupTray({ Tray, Menu, icon: join(paths.resources, 'icons', isMac ? 'trayTemplate.png' : 'tray.png'), isMac, show: () => show(), quit: () => app.quit(), t: () => language.t });
  setMenu();
  countLiveCalls((listener) => api.subscribe(listener), tray.setLiveCount);
  setupNotifications({
    Notification,
    subscribe: (listener) => api.subscribe(listener),
    openCall: (id) => show({ type: 'navigate', path: `#/calls/${encodeURIComponent(id)}` }),
    t: () => language.t,
  });

  app.on('second-instance', () => show());
  app.on('activate', () => show());
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  setupShutdown(source.kind === 'local' ? () => source.engine.stop() : async () => source.api.close());
}

/** The menu's Demo item: through the console API, like every other request of the shell. */
function toggleDemo({ api, logger }: { api: ConsoleApi; logger: Logger }): void {
  api
    .health()
    .then(({ demo }) => api.setDemo(!demo.running))
    .catch((error: unknown) => logger.error('demo toggle failed', { error }));
}

/**
 * Quitting stops the engine first (or closes the server's sockets): in-flight webhooks answered, the store flushed. Started by
 * `npm start`, the app also quits when that command is gone (on Windows it cannot pass a signal on).
 */
function setupShutdown(stop: () => Promise<void>): void {
  if (launcher !== undefined) whenParentExits(() => app.quit(), { parent: launcher });
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const title = createI18n(pickLanguage(app.getPreferredSystemLanguages?.() ?? [])).t('fatal.title');
  process.stderr.write(`${title}: ${message}\n`);
  if (app.isReady()) dialog.showErrorBox(title, message);
  app.exit(1);
}
