// The desktop app's IPC: a closed set of namespaced channels, one per console API operation, and
// the events main sends to the window. The preload and main both import these names; nothing else
// crosses the bridge.
import type { ApiError, CallQuery, ConsoleApi, ListenAudio, LiveListener } from './api.ts';
import type { Provider } from './call.ts';
import type { Command } from './commands.ts';
import type { SettingsPatch } from './settings.ts';

/** Renderer → main, answered (ipcRenderer.invoke). */
export const INVOKE = {
  listCalls: 'calls.list',
  getCall: 'calls.get',
  sendCommand: 'calls.command',
  health: 'engine.health',
  settings: 'settings.get',
  updateSettings: 'settings.update',
  setDemo: 'demo.set',
  listenStart: 'calls.listen.start',
  listenStop: 'calls.listen.stop',
  openExternal: 'app.open-external',
  testEvent: 'access.test-event',
} as const;

/** Renderer → main, one-way. */
export const SEND = {
  /** The page subscribed to live updates: queued events can go. */
  ready: 'renderer.ready',
} as const;

/** Main → renderer. */
export const EVENTS = {
  live: 'live.message',
  listenAudio: 'calls.listen.audio',
  listenEnded: 'calls.listen.ended',
  /** A menu item, tray item or notification asks the window for something. */
  menu: 'app.menu',
} as const;

export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE];

/**
 * What every invoke answers. Errors lose their fields when they cross Electron's context bridge,
 * so failures travel as data and the renderer turns them back into `ApiError`s.
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; status: ApiError['status']; message: string };

/** Audio for one listen-in session (its id came from `listenStart`). */
export interface ListenAudioEvent extends ListenAudio {
  listenId: string;
}

export interface ListenEndedEvent {
  listenId: string;
  reason: string;
}

/** What the native menu, tray or a notification asks the window to do. */
export type MenuAction =
  | { type: 'navigate'; path: string }
  | { type: 'shortcut'; key: 'b' | 't' | 'h' | 'l' };

type Answer<T> = Promise<IpcResult<Awaited<T>>>;

/** Exactly what the preload exposes as `window.ringside`: the console API, failures as data. */
export interface DesktopApi {
  listCalls(query: CallQuery): Answer<ReturnType<ConsoleApi['listCalls']>>;
  getCall(id: string): Answer<ReturnType<ConsoleApi['getCall']>>;
  health(): Answer<ReturnType<ConsoleApi['health']>>;
  sendCommand(id: string, command: Command): Answer<ReturnType<ConsoleApi['sendCommand']>>;
  settings(): Answer<ReturnType<ConsoleApi['settings']>>;
  updateSettings(patch: SettingsPatch): Answer<ReturnType<ConsoleApi['updateSettings']>>;
  setDemo(running: boolean): Answer<ReturnType<ConsoleApi['setDemo']>>;
  testEvent(provider: Provider): Answer<ReturnType<ConsoleApi['testEvent']>>;
  /** Live updates; returns the function that unsubscribes. */
  subscribe(listener: LiveListener): () => void;
  /** Starts listen-in; audio and the end arrive through the two callbacks; returns the stop function. */
  listen(id: string, audio: (chunk: ListenAudio) => void, ended: (reason: string) => void): () => void;
  /** Opens an allow-listed https page (the providers' dashboards, docs) in the user's browser. */
  openExternal(url: string): Answer<void>;
  /** Menu, tray and notification requests; returns the function that unsubscribes. */
  onMenu(listener: (action: MenuAction) => void): () => void;
}

/** The custom scheme the desktop window loads the console from (never file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://ringside`;
