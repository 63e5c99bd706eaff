// Which bridge the console talks through: the desktop app's preload (IPC) when present, else the
// console listener over HTTP and WebSocket, with the token from the link Ringside printed.
import type { ConsoleApi } from '../../../shared/api.ts';
import type { DesktopApi, DesktopConnection, MenuAction } from '../../../shared/ipc.ts';
import { IpcBridge } from './ipc-bridge.ts';
import { WsBridge, type ConnectionStatus } from './ws-bridge.ts';

export type { ConnectionState, ConnectionStatus } from './ws-bridge.ts';

/**
 * What the UI needs: the console API, the connection's state, and a playable recording URL.
 * Tickets are the browser bridge's own business (for the URLs it opens); the desktop window never
 * opens a console URL (IPC for listen-in, app:// for recordings), so the UI does not ask for them.
 */
export interface Bridge extends Omit<ConsoleApi, 'issueTicket'> {
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** A URL an `<audio>` element (or wavesurfer) can load; it may be good for a few minutes only. */
  recordingUrl(id: string): Promise<string>;
  /** Desktop app only: what its menus, tray and notifications ask for. */
  onMenu?(listener: (action: MenuAction) => void): () => void;
  /** Desktop app only: what it runs on (this computer or a Ringside server), and switching. */
  connection?: DesktopConnectionControl;
}

export interface DesktopConnectionControl {
  get(): Promise<DesktopConnection>;
  check(address: string): Promise<{ origin: string; version: string }>;
  connect(address: string, name: string, password: string): Promise<DesktopConnection>;
  runHere(): Promise<DesktopConnection>;
}

declare global {
  interface Window {
    /** Set by the desktop app's preload. */
    ringside?: DesktopApi;
  }
}

const TOKEN_KEY = 'ringside.consoleToken';

/**
 * The console token: from the link's fragment (`#token=…`, never sent to a server), kept for this
 * tab, and removed from the address bar so it is not bookmarked or shared by accident.
 */
export function takeToken(location: Location = window.location, storage: Storage = window.sessionStorage): string | undefined {
  const match = location.hash.match(/[#&]token=([^&]+)/);
  if (match) {
    const token = decodeURIComponent(match[1]!);
    storage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    return token;
  }
  return storage.getItem(TOKEN_KEY) ?? undefined;
}

export function rememberToken(token: string, storage: Storage = window.sessionStorage): void {
  storage.setItem(TOKEN_KEY, token.trim());
}

export function createBridge(): Bridge | undefined {
  if (window.ringside) return new IpcBridge(window.ringside);
  const token = takeToken();
  return token ? new WsBridge(window.location.origin, token) : undefined;
}
