// The console API inside the desktop app: `window.ringside` from the preload, with failures (which
// cross Electron's context bridge as data) turned back into ApiErrors. The engine runs in the same
// app, so the connection is always online.
import { CONSOLE_URLS, IPC_OPERATION_NAMES, methodsFor, type IpcOperationName } from '../../../shared/api-operations.ts';
import { ApiError, type ConsoleApi, type ListenHandlers, type LiveListener } from '../../../shared/api.ts';
import { APP_ORIGIN, type DesktopApi, type IpcResult, type MenuAction } from '../../../shared/ipc.ts';
import type { Bridge, DesktopConnectionControl } from './index.ts';
import type { ConnectionStatus } from './ws-bridge.ts';

async function unwrap<T>(answer: Promise<IpcResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new ApiError(result.status, result.message);
  return result.value;
}

// The console API's operations (one method each, from the table), added by the constructor.
export interface IpcBridge extends Pick<ConsoleApi, IpcOperationName> {}

export class IpcBridge implements Bridge {
  private readonly desktop: DesktopApi;
  private readonly status: ConnectionStatus = { state: 'online', since: Date.now(), reconnects: 0 };

  constructor(desktop: DesktopApi) {
    this.desktop = desktop;
    // Each operation over the preload, its failures back as ApiErrors.
    const invoke = (name: IpcOperationName, args: unknown[]) => (desktop[name] as (...args: unknown[]) => Promise<IpcResult<unknown>>).apply(desktop, args);
    Object.assign(this, methodsFor(IPC_OPERATION_NAMES, (name, args) => unwrap(invoke(name, args))));
  }

  subscribe = (listener: LiveListener) => this.desktop.subscribe(listener);
  listen = (id: string, handlers: ListenHandlers) => this.desktop.listen(id, handlers.audio, handlers.ended);
  onMenu = (listener: (action: MenuAction) => void) => this.desktop.onMenu(listener);
  connection: DesktopConnectionControl = {
    get: () => unwrap(this.desktop.connection()),
    check: (address) => unwrap(this.desktop.checkServer(address)),
    connect: (address, name, password) => unwrap(this.desktop.connectToServer(address, name, password)),
    runHere: () => unwrap(this.desktop.runHere()),
  };

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    listener(this.status);
    return () => undefined;
  }

  /** Served by the app's own protocol, which fetches it from the engine. */
  async recordingUrl(id: string): Promise<string> {
    return APP_ORIGIN + CONSOLE_URLS.recording(id);
  }
}
