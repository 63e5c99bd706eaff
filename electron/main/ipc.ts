// The one IPC wrapper: every channel comes from the console API's table (shared/api-operations.ts),
// every argument is checked there (the same schemas and messages as over HTTP), every sender must be
// our window's top frame showing our own pages, and failures travel as data.
import { randomUUID } from 'node:crypto';
import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { callOperation, checkArguments, DESKTOP_OPERATIONS, IPC_OPERATION_NAMES, OPERATIONS, parseArguments, STREAMS } from '../../shared/api-operations.ts';
import { ApiError, type ConsoleApi } from '../../shared/api.ts';
import { APP_ORIGIN, EVENTS, SEND, type IpcResult } from '../../shared/ipc.ts';
import type { Language } from '../../shared/i18n/languages.ts';
import type { ConnectionControl } from './desktop-connection.ts';
import type { Logger } from '../engine/log.ts';
import type { EventRelay } from './event-relay.ts';

/** The parts of Electron's ipcMain this module uses (tests pass a stand-in). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): void;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  api: ConsoleApi;
  /** The main window's contents, when it exists. */
  contents: () => WebContents | undefined;
  relay: EventRelay;
  openExternal: (url: string) => Promise<void>;
  logger: Logger;
  /** The page's language changed (checked by the table's schema). */
  onLanguage?: (language: Language) => void;
  /** Run on this computer or connect to a Ringside server (the window's first start and Settings). */
  connection?: ConnectionControl;
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Only our window's top frame, showing a page of our own origin, may talk to main. */
export function isTrustedSender(event: SenderEvent, contents: WebContents | undefined): boolean {
  const frame = event.senderFrame;
  if (!contents || event.sender !== contents || !frame) return false;
  return frame === contents.mainFrame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

/** Each invoke channel and what it runs with the arguments as sent (checked by the table's schemas). */
function handlers(api: ConsoleApi, listens: ListenSessions, openExternal: IpcDeps['openExternal'], connection: ConnectionControl | undefined): [string, (raw: unknown[], sender: WebContents) => Promise<unknown>][] {
  const control = () => {
    if (!connection) throw new ApiError(404, 'this app cannot change what it runs on');
    return connection;
  };
  return [
    // The arguments first (a 400 says what is wrong with them), then whether this app can switch at all.
    [DESKTOP_OPERATIONS.connection.ipc, async (raw) => (checkArguments('connection', DESKTOP_OPERATIONS.connection, raw), control().get())],
    [DESKTOP_OPERATIONS.checkServer.ipc, async (raw) => {
      const args = checkArguments('checkServer', DESKTOP_OPERATIONS.checkServer, raw);
      return control().check(...args);
    }],
    [DESKTOP_OPERATIONS.connectToServer.ipc, async (raw) => {
      const args = checkArguments('connectToServer', DESKTOP_OPERATIONS.connectToServer, raw);
      return control().connect(...args);
    }],
    [DESKTOP_OPERATIONS.runHere.ipc, async (raw) => (checkArguments('runHere', DESKTOP_OPERATIONS.runHere, raw), control().runHere())],
    ...IPC_OPERATION_NAMES.map((name): [string, (raw: unknown[]) => Promise<unknown>] => [OPERATIONS[name].ipc, async (raw) => callOperation(api, name, parseArguments(name, raw))]),
    [STREAMS.listen.ipc.start, async (raw, sender) => listens.start(...checkArguments('listen', STREAMS.listen, raw), sender)],
    [STREAMS.listen.ipc.stop, async (raw) => listens.stop(...checkArguments('listen.stop', STREAMS.listen.stop, raw))],
    [DESKTOP_OPERATIONS.openExternal.ipc, async (raw) => openExternal(...checkArguments('openExternal', DESKTOP_OPERATIONS.openExternal, raw))],
  ];
}

/** Listen-in sessions started from the window: audio goes to the window that asked. */
class ListenSessions {
  private readonly stops = new Map<string, () => void>();
  private readonly api: ConsoleApi;
  constructor(api: ConsoleApi) {
    this.api = api;
  }

  start(callId: string, sender: WebContents): string {
    const id = randomUUID();
    const send = (channel: string, payload: unknown) => {
      if (!sender.isDestroyed()) sender.send(channel, payload);
    };
    const stop = this.api.listen(callId, {
      audio: (chunk) => send(EVENTS.listenAudio, { listenId: id, sampleRate: chunk.sampleRate, samples: chunk.samples }),
      ended: (reason) => {
        this.stops.delete(id);
        send(EVENTS.listenEnded, { listenId: id, reason });
      },
    });
    this.stops.set(id, stop);
    return id;
  }

  stop(id: string): void {
    this.stops.get(id)?.();
    this.stops.delete(id);
  }

  stopAll(): void {
    for (const stop of this.stops.values()) stop();
    this.stops.clear();
  }
}

export function toIpcError(error: unknown): IpcResult<never> {
  if (error instanceof ApiError) return { ok: false, status: error.status, message: error.message };
  return { ok: false, status: 500, message: 'Ringside hit an internal error: the log has the details' };
}

/** Registers every invoke channel and the ready signal; returns what stops the listen sessions. */
export function setupIpc({ ipcMain, api, contents, relay, openExternal, logger, onLanguage, connection }: IpcDeps): { stopListening(): void } {
  const listens = new ListenSessions(api);
  for (const [channel, run] of handlers(api, listens, openExternal, connection)) {
    ipcMain.handle(channel, async (event, ...raw): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event, contents())) {
        logger.warn('ipc call refused: not our window', { channel, url: event.senderFrame?.url });
        return { ok: false, status: 403, message: 'this page may not use Ringside' };
      }
      try {
        return { ok: true, value: await run(raw, event.sender) };
      } catch (error) {
        if (!(error instanceof ApiError)) logger.error('ipc handler failed', { channel, error });
        return toIpcError(error);
      }
    });
  }
  ipcMain.on(SEND.ready, (event) => {
    if (isTrustedSender(event, contents())) relay.ready();
    else logger.warn('ipc ready refused: not our window', { url: event.senderFrame?.url });
  });
  ipcMain.on(SEND.language, (event, ...raw) => {
    if (!isTrustedSender(event, contents())) return logger.warn('ipc language refused: not our window', { url: event.senderFrame?.url });
    try {
      onLanguage?.(...checkArguments('setLanguage', DESKTOP_OPERATIONS.setLanguage, raw));
    } catch (error) {
      logger.warn('ipc language refused', { error: (error as Error).message });
    }
  });
  return { stopListening: () => listens.stopAll() };
}
