// The window's "Run Ringside on this computer" / "Connect to a Ringside server" (first start and
// Settings): what the app runs on now, checking an address, signing in to a server (the token kept
// encrypted) and switching, which restarts the app on its new console API. Plain Node (no
// 'electron' import; `relaunch` is the app's): tested without the Electron binary.
import type { TFunction } from 'i18next';
import { ApiError } from '../../shared/api.ts';
import type { DesktopConnection } from '../../shared/ipc.ts';
import type { ConnectionStore } from './connection-choice.ts';
import { checkServer, connectToServer, RemoteServerError, serverOrigin } from './remote-server.ts';

export interface ConnectionControl {
  get(): Promise<DesktopConnection>;
  check(address: string): Promise<{ origin: string; version: string }>;
  connect(address: string, name: string, password: string): Promise<DesktopConnection>;
  runHere(): Promise<DesktopConnection>;
}

export interface ConnectionControlDeps {
  store: ConnectionStore;
  /** What this run uses (decided at start). */
  current: DesktopConnection;
  t: () => TFunction;
  /** Restarts the app (on the choice just saved); called after the answer went back to the page. */
  relaunch: () => void;
  fetch?: typeof fetch;
}

/** A server's refusal as the page shows it: 400 for what the person typed, 502 for the server's side. */
const asApiError = (error: unknown): never => {
  if (error instanceof RemoteServerError) throw new ApiError(error.kind === 'address' ? 400 : error.kind === 'refused' ? 401 : 502, error.message);
  throw error;
};

export function connectionControl({ store, current, t, relaunch, fetch: fetchImpl }: ConnectionControlDeps): ConnectionControl {
  let state = current;
  // Once the page has its answer: a restart now would cut the IPC reply off.
  const restartSoon = () => void setTimeout(relaunch, 100);
  return {
    async get() {
      return state;
    },
    async check(address) {
      try {
        const origin = serverOrigin(address, t());
        const hello = await checkServer(origin, t(), fetchImpl);
        return { origin, version: hello.version };
      } catch (error) {
        return asApiError(error);
      }
    },
    async connect(address, name, password) {
      const session = await connectToServer(address, name, password, t(), fetchImpl).catch(asApiError);
      store.useRemote(session);
      state = { mode: 'remote', chosen: true, origin: session.origin, account: session.account, serverVersion: session.serverVersion };
      restartSoon();
      return state;
    },
    async runHere() {
      const wasRemote = state.mode === 'remote';
      store.useLocal();
      state = { mode: 'local', chosen: true };
      if (wasRemote) restartSoon();
      return state;
    },
  };
}
