// The console window: locked-down web preferences (written out here, in the constructor call, so
// Electronegativity and reviewers see them), our own protocol, and remembered placement.
import { join } from 'node:path';
import type { BrowserWindow as BrowserWindowType } from 'electron';
import { APP_ORIGIN } from '../../shared/ipc.ts';
import { loadWindowState, placeWindow, saveWindowState, type Bounds } from './window-state.ts';

export interface MainWindowDeps {
  BrowserWindow: typeof BrowserWindowType;
  workAreas: () => Bounds[];
  preload: string;
  stateFile: string;
  devTools: boolean;
}

export const START_URL = `${APP_ORIGIN}/index.html#/`;

export function createMainWindow({ BrowserWindow, workAreas, preload, stateFile, devTools }: MainWindowDeps): BrowserWindowType {
  const saved = loadWindowState(stateFile);
  const window = new BrowserWindow({
    ...placeWindow(saved, workAreas()),
    minWidth: 760,
    minHeight: 520,
    show: false,
    title: 'Ringside',
    backgroundColor: '#15171c',
    webPreferences: {
      preload, /* eng-disable PRELOAD_JS_CHECK: our own sandboxed preload; it exposes only the console API (shared/ipc.ts DesktopApi, snapshot-tested) */
      // Everything a page could use to reach Node, or the web at large, is off.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const remember = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    saveWindowState(stateFile, { bounds: window.isMaximized() ? window.getNormalBounds() : window.getBounds(), maximized: window.isMaximized() });
  };
  let timer: NodeJS.Timeout | undefined;
  const rememberSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(remember, 300);
  };
  window.on('resize', rememberSoon);
  window.on('move', rememberSoon);
  window.on('maximize', rememberSoon);
  window.on('unmaximize', rememberSoon);
  window.on('close', () => {
    clearTimeout(timer);
    remember();
  });
  void window.loadURL(START_URL);
  return window;
}

export const preloadPath = (mainDir: string) => join(mainDir, '..', 'preload', 'index.cjs');
