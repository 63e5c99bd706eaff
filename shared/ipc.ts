// The desktop app's IPC: a closed set of namespaced channels, all named in the console API's table
// (api-operations.ts), and the events main sends to the window. The preload and main both use
// these names; nothing else crosses the bridge.
import { DESKTOP_OPERATIONS, IPC_OPERATION_NAMES, OPERATIONS, STREAMS, type IpcOperationName } from './api-operations.ts';
import type { ApiError, ConsoleApi, ListenAudio } from './api.ts';
import type { Language } from './i18n/languages.ts';
import type { Me } from './team.ts';

/** Renderer → main, answered (ipcRenderer.invoke): one channel per operation, plus listen-in's two. */
export const INVOKE = {
  ...(Object.fromEntries(IPC_OPERATION_NAMES.map((name) => [name, OPERATIONS[name].ipc])) as { [K in IpcOperationName]: (typeof OPERATIONS)[K]['ipc'] }),
  listenStart: STREAMS.listen.ipc.start,
  listenStop: STREAMS.listen.ipc.stop,
  openExternal: DESKTOP_OPERATIONS.openExternal.ipc,
  connection: DESKTOP_OPERATIONS.connection.ipc,
  checkServer: DESKTOP_OPERATIONS.checkServer.ipc,
  connectToServer: DESKTOP_OPERATIONS.connectToServer.ipc,
  runHere: DESKTOP_OPERATIONS.runHere.ipc,
} as const;

/** Renderer → main, one-way. */
export const SEND = {
  /** The page subscribed to live updates: queued events can go. */
  ready: STREAMS.subscribe.ipc.ready,
  /** The console's language (`en`, `fr`): the menus, tray and notifications follow it. */
  language: DESKTOP_OPERATIONS.setLanguage.ipc,
} as const;

/** Main → renderer. */
export const EVENTS = {
  live: STREAMS.subscribe.ipc.message,
  listenAudio: STREAMS.listen.ipc.audio,
  listenEnded: STREAMS.listen.ipc.ended,
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

/** The console API's operations as the window calls them over IPC: the same arguments, failures as data. */
export type DesktopRequests = { [K in IpcOperationName]: (...args: Parameters<ConsoleApi[K]>) => Answer<ReturnType<ConsoleApi[K]>> };

/** Exactly what the preload exposes as `window.ringside`: the console API, failures as data. */
export interface DesktopApi extends DesktopRequests {
  /** Live updates; returns the function that unsubscribes. */
  subscribe: ConsoleApi['subscribe'];
  /** Starts listen-in; audio and the end arrive through the two callbacks; returns the stop function. */
  listen(id: string, audio: (chunk: ListenAudio) => void, ended: (reason: string) => void): () => void;
  /** Opens an allow-listed https page (the providers' dashboards, docs) in the user's browser. */
  openExternal(url: string): Answer<void>;
  /** Menu, tray and notification requests; returns the function that unsubscribes. */
  onMenu(listener: (action: MenuAction) => void): () => void;
  /** The console now speaks `language`: the app's menus, tray and notifications follow (and remember it). */
  setLanguage(language: Language): void;
  /** What the app runs on (this computer or a Ringside server); `chosen` false on the first start. */
  connection(): Answer<DesktopConnection>;
  /** Is this address a Ringside server this app can use? Its origin and version, or what to do. */
  checkServer(address: string): Answer<{ origin: string; version: string }>;
  /** Signs in to the server, remembers it, and restarts the app on it. */
  connectToServer(address: string, name: string, password: string): Answer<DesktopConnection>;
  /** Runs Ringside on this computer from now on (restarts the app when it was on a server). */
  runHere(): Answer<DesktopConnection>;
}

/** What the desktop app runs on. */
export interface DesktopConnection {
  mode: 'local' | 'remote';
  /** False on the first start: the window asks how Ringside will be used. */
  chosen: boolean;
  /** The server's `https://host:port` (remote). */
  origin?: string;
  /** Who is signed in on the server (remote): the page hides what the role cannot do. */
  account?: Me['account'];
  serverVersion?: string;
}

/** The custom scheme the desktop window loads the console from (never file://). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://ringside`;
