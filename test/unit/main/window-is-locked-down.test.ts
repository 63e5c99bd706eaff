// The console window's webPreferences, the CSP our protocol sends, and where the window reopens.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_CSP } from '../../../electron/main/app-protocol.ts';
import { createMainWindow, START_URL } from '../../../electron/main/main-window.ts';
import { DEFAULT_SIZE, loadWindowState, placeWindow, saveWindowState } from '../../../electron/main/window-state.ts';

/** Stands in for BrowserWindow: records what it was built with and what it loaded. */
class RecordingWindow {
  static last: RecordingWindow;
  readonly options: Record<string, unknown>;
  loaded?: string;
  maximized = false;
  constructor(options: Record<string, unknown>) {
    this.options = options;
    RecordingWindow.last = this;
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  maximize() {
    this.maximized = true;
  }
  once() {}
  on() {}
}

const open = (stateFile: string, devTools = false) =>
  createMainWindow({ BrowserWindow: RecordingWindow as unknown as typeof BrowserWindow, workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1080 }], preload: '/app/out/preload/index.cjs', stateFile, devTools });

describe('the console window', () => {
  it('is isolated, sandboxed, without Node, and loads our own protocol', () => {
    open(join(mkdtempSync(join(tmpdir(), 'win-')), 'state.json'));
    const { webPreferences, ...rest } = RecordingWindow.last.options as { webPreferences: Record<string, unknown> };
    expect(webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
      devTools: false,
    });
    expect(rest).toMatchObject({ ...DEFAULT_SIZE, show: false });
    expect(RecordingWindow.last.loaded).toBe(START_URL);
    expect(START_URL.startsWith('app://ringside/')).toBe(true);
  });

  it('reopens where it was left, maximized if it was', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'win-')), 'state.json');
    saveWindowState(file, { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: true });
    open(file);
    expect(RecordingWindow.last.options).toMatchObject({ x: 100, y: 80, width: 1400, height: 900 });
    expect(RecordingWindow.last.maximized).toBe(true);
  });

  it('comes back on screen when its monitor is gone, and ignores a damaged state file', () => {
    const saved = { bounds: { x: 3000, y: 100, width: 1200, height: 800 }, maximized: false };
    expect(placeWindow(saved, [{ x: 0, y: 0, width: 1920, height: 1080 }])).toEqual({ width: 1200, height: 800 });
    expect(placeWindow(saved, [{ x: 0, y: 0, width: 1920, height: 1080 }, { x: 1920, y: 0, width: 1920, height: 1080 }])).toEqual(saved.bounds);
    const file = join(mkdtempSync(join(tmpdir(), 'win-')), 'state.json');
    writeFileSync(file, '{"bounds": {"x": "left"}}');
    expect(loadWindowState(file)).toBeUndefined();
  });
});

describe('the app protocol’s content security policy', () => {
  const directives = Object.fromEntries(APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  it('runs only our own scripts, connects nowhere else, and cannot be framed', () => {
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(APP_CSP).not.toMatch(/unsafe-eval|\*|https?:/);
  });
});
