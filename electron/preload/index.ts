// The only bridge between the sandboxed page and the app: `window.ringside`, exactly the console
// API (shared/ipc.ts DesktopApi), one method per operation of the table (shared/api-operations.ts),
// each on its own channel, passing its arguments as given (main checks them). Electron's event
// object never reaches the page, and nothing else is exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_OPERATION_NAMES, methodsFor, OPERATIONS } from '../../shared/api-operations.ts';
import type { ListenAudio, LiveMessage } from '../../shared/api.ts';
import { EVENTS, INVOKE, SEND, type DesktopApi, type DesktopRequests, type ListenAudioEvent, type ListenEndedEvent, type MenuAction } from '../../shared/ipc.ts';

/** Subscribes to one main → page channel; returns the unsubscribe function. */
function on<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => void ipcRenderer.removeListener(channel, handler);
}

const live = new Set<(message: LiveMessage) => void>();
let liveOff: (() => void) | undefined;

/** One method per operation, bound to that operation's channel. */
const requests = methodsFor(IPC_OPERATION_NAMES, (name, args) => ipcRenderer.invoke(OPERATIONS[name].ipc, ...args)) as unknown as DesktopRequests;

const api = {
  ...requests,
  openExternal: (url) => ipcRenderer.invoke(INVOKE.openExternal, url),
  subscribe(listener) {
    live.add(listener);
    if (!liveOff) {
      liveOff = on<LiveMessage>(EVENTS.live, (message) => {
        for (const each of live) each(message);
      });
      ipcRenderer.send(SEND.ready);
    }
    return () => {
      live.delete(listener);
      if (live.size === 0) {
        liveOff?.();
        liveOff = undefined;
      }
    };
  },
  listen(id, audio: (chunk: ListenAudio) => void, ended: (reason: string) => void) {
    let listenId: string | undefined;
    let stopped = false;
    const offAudio = on<ListenAudioEvent>(EVENTS.listenAudio, (chunk) => {
      if (chunk.listenId === listenId) audio({ sampleRate: chunk.sampleRate, samples: chunk.samples });
    });
    const offEnded = on<ListenEndedEvent>(EVENTS.listenEnded, (event) => {
      if (event.listenId !== listenId) return;
      cleanUp();
      ended(event.reason);
    });
    const cleanUp = () => {
      offAudio();
      offEnded();
    };
    ipcRenderer.invoke(INVOKE.listenStart, id).then((result: Awaited<ReturnType<typeof ipcRenderer.invoke>>) => {
      if (!result.ok) {
        cleanUp();
        if (!stopped) ended(result.message);
        return;
      }
      listenId = result.value as string;
      if (stopped) void ipcRenderer.invoke(INVOKE.listenStop, listenId);
    });
    return () => {
      stopped = true;
      cleanUp();
      if (listenId) void ipcRenderer.invoke(INVOKE.listenStop, listenId);
    };
  },
  onMenu: (listener) => on<MenuAction>(EVENTS.menu, listener),
  setLanguage: (language) => ipcRenderer.send(SEND.language, language),
  connection: () => ipcRenderer.invoke(INVOKE.connection),
  checkServer: (address) => ipcRenderer.invoke(INVOKE.checkServer, address),
  connectToServer: (address, name, password) => ipcRenderer.invoke(INVOKE.connectToServer, address, name, password),
  runHere: () => ipcRenderer.invoke(INVOKE.runHere),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('ringside', api);
