// The console API inside the desktop app: `window.ringside` from the preload, with failures (which
// cross Electron's context bridge as data) turned back into ApiErrors. The engine runs in the same
// app, so the connection is always online.
import { ApiError, CONSOLE_ROUTES, type CallQuery, type ListenHandlers, type LiveListener } from '../../../shared/api.ts';
import type { Provider } from '../../../shared/call.ts';
import type { Command } from '../../../shared/commands.ts';
import { APP_ORIGIN, type DesktopApi, type IpcResult, type MenuAction } from '../../../shared/ipc.ts';
import type { SettingsPatch } from '../../../shared/settings.ts';
import type { Bridge } from './index.ts';
import type { ConnectionStatus } from './ws-bridge.ts';

async function unwrap<T>(answer: Promise<IpcResult<T>>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new ApiError(result.status, result.message);
  return result.value;
}

export class IpcBridge implements Bridge {
  private readonly desktop: DesktopApi;
  private readonly status: ConnectionStatus = { state: 'online', since: Date.now(), reconnects: 0 };

  constructor(desktop: DesktopApi) {
    this.desktop = desktop;
  }

  listCalls = (query: CallQuery) => unwrap(this.desktop.listCalls(query));
  getCall = (id: string) => unwrap(this.desktop.getCall(id));
  health = () => unwrap(this.desktop.health());
  sendCommand = (id: string, command: Command) => unwrap(this.desktop.sendCommand(id, command));
  settings = () => unwrap(this.desktop.settings());
  updateSettings = (patch: SettingsPatch) => unwrap(this.desktop.updateSettings(patch));
  setDemo = (running: boolean) => unwrap(this.desktop.setDemo(running));
  testEvent = (provider: Provider) => unwrap(this.desktop.testEvent(provider));
  subscribe = (listener: LiveListener) => this.desktop.subscribe(listener);
  listen = (id: string, handlers: ListenHandlers) => this.desktop.listen(id, handlers.audio, handlers.ended);
  onMenu = (listener: (action: MenuAction) => void) => this.desktop.onMenu(listener);

  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    listener(this.status);
    return () => undefined;
  }

  /** Served by the app's own protocol, which fetches it from the engine. */
  async recordingUrl(id: string): Promise<string> {
    return APP_ORIGIN + CONSOLE_ROUTES.recording(id);
  }
}
