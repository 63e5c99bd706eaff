// The one IPC wrapper: every channel is in shared/ipc.ts, every argument is validated, every
// sender must be our window's top frame showing our own pages, and failures travel as data.
import { randomUUID } from 'node:crypto';
import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { z } from 'zod';
import { testEventRequestSchema } from '../../shared/access.ts';
import { ApiError, callQuerySchema, type ConsoleApi } from '../../shared/api.ts';
import { commandSchema } from '../../shared/commands.ts';
import { APP_ORIGIN, EVENTS, INVOKE, SEND, type InvokeChannel, type IpcResult } from '../../shared/ipc.ts';
import { settingsPatchSchema } from '../../shared/settings.ts';
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
}

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Only our window's top frame, showing a page of our own origin, may talk to main. */
export function isTrustedSender(event: SenderEvent, contents: WebContents | undefined): boolean {
  const frame = event.senderFrame;
  if (!contents || event.sender !== contents || !frame) return false;
  return frame === contents.mainFrame && frame.url.startsWith(`${APP_ORIGIN}/`);
}

const callId = z.string().trim().min(1, 'a call id is required').max(200);
const listenId = z.uuid();

/** Argument schemas (as tuples) and what each channel does with the checked arguments. */
function operations(api: ConsoleApi, listens: ListenSessions, openExternal: IpcDeps['openExternal']) {
  const op = <A extends z.ZodTuple, R>(args: A, run: (args: z.infer<A>, sender: WebContents) => Promise<R>) => ({ args, run });
  return {
    [INVOKE.listCalls]: op(z.tuple([callQuerySchema]), ([query]) => api.listCalls(query)),
    [INVOKE.getCall]: op(z.tuple([callId]), ([id]) => api.getCall(id)),
    [INVOKE.sendCommand]: op(z.tuple([callId, commandSchema]), ([id, command]) => api.sendCommand(id, command)),
    [INVOKE.health]: op(z.tuple([]), () => api.health()),
    [INVOKE.settings]: op(z.tuple([]), () => api.settings()),
    [INVOKE.updateSettings]: op(z.tuple([settingsPatchSchema]), ([patch]) => api.updateSettings(patch)),
    [INVOKE.setDemo]: op(z.tuple([z.boolean({ error: 'running must be true or false' })]), ([running]) => api.setDemo(running)),
    [INVOKE.listenStart]: op(z.tuple([callId]), async ([id], sender) => listens.start(id, sender)),
    [INVOKE.listenStop]: op(z.tuple([listenId]), async ([id]) => listens.stop(id)),
    [INVOKE.testEvent]: op(z.tuple([testEventRequestSchema.shape.provider]), ([provider]) => api.testEvent(provider)),
    [INVOKE.openExternal]: op(z.tuple([z.string().max(2000)]), ([url]) => openExternal(url)),
  } satisfies Record<InvokeChannel, unknown>;
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
  if (error instanceof z.ZodError) return { ok: false, status: 400, message: describeArgs(error) };
  return { ok: false, status: 500, message: 'Ringside hit an internal error: the log has the details' };
}

function describeArgs(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid arguments';
  const where = issue.path.slice(1).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** Registers every invoke channel and the ready signal; returns what stops the listen sessions. */
export function setupIpc({ ipcMain, api, contents, relay, openExternal, logger }: IpcDeps): { stopListening(): void } {
  const listens = new ListenSessions(api);
  for (const [channel, { args, run }] of Object.entries(operations(api, listens, openExternal))) {
    ipcMain.handle(channel, async (event, ...raw): Promise<IpcResult<unknown>> => {
      if (!isTrustedSender(event, contents())) {
        logger.warn('ipc call refused: not our window', { channel, url: event.senderFrame?.url });
        return { ok: false, status: 403, message: 'this page may not use Ringside' };
      }
      try {
        const checked = args.parse(raw);
        return { ok: true, value: await (run as (a: unknown, s: WebContents) => Promise<unknown>)(checked, event.sender) };
      } catch (error) {
        if (!(error instanceof ApiError) && !(error instanceof z.ZodError)) logger.error('ipc handler failed', { channel, error });
        return toIpcError(error);
      }
    });
  }
  ipcMain.on(SEND.ready, (event) => {
    if (isTrustedSender(event, contents())) relay.ready();
    else logger.warn('ipc ready refused: not our window', { url: event.senderFrame?.url });
  });
  return { stopListening: () => listens.stopAll() };
}
