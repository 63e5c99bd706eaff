// The IPC wrapper: only our window's top frame on app:// may call, every argument is validated,
// failures come back as data (status + message), and the ready signal flushes queued updates.
import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, type ConsoleApi, type ListenHandlers } from '../../../shared/api.ts';
import { INVOKE, SEND, type IpcResult } from '../../../shared/ipc.ts';
import { createLogger } from '../../../electron/engine/log.ts';
import { createEventRelay } from '../../../electron/main/event-relay.ts';
import { setupIpc } from '../../../electron/main/ipc.ts';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>;

function rig() {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, (event: IpcMainEvent) => void>();
  const ipcMain = {
    handle: (channel: string, fn: Handler) => void handlers.set(channel, fn),
    on: (channel: string, fn: (event: IpcMainEvent) => void) => void listeners.set(channel, fn),
  };
  const mainFrame = { url: 'app://ringside/index.html#/' };
  const sent: [string, unknown][] = [];
  const contents = { mainFrame, isDestroyed: () => false, send: (channel: string, payload: unknown) => sent.push([channel, payload]) } as unknown as WebContents;
  let listenHandlers: ListenHandlers | undefined;
  const stopListen = vi.fn();
  const api = {
    listCalls: vi.fn(async () => ({ calls: [] })),
    getCall: vi.fn(async (id: string) => {
      throw new ApiError(404, `no call with id ${id}`);
    }),
    sendCommand: vi.fn(async () => ({ sent: true })),
    health: vi.fn(async () => {
      throw new Error('database is locked at /secret/path');
    }),
    settings: vi.fn(),
    updateSettings: vi.fn(async () => ({ settings: [], secretsPersist: true })),
    setDemo: vi.fn(async (running: boolean) => ({ running })),
    subscribe: vi.fn(),
    listen: vi.fn((_id: string, handlers: ListenHandlers) => {
      listenHandlers = handlers;
      return stopListen;
    }),
  } as unknown as ConsoleApi;
  const relayed: unknown[] = [];
  const relay = createEventRelay((message) => relayed.push(message));
  const openExternal = vi.fn(async () => undefined);
  const logs: string[] = [];
  const languages: unknown[] = [];
  setupIpc({ ipcMain, api, contents: () => contents, relay, openExternal, logger: createLogger({ write: (line) => logs.push(line) }), onLanguage: (language) => languages.push(language) });
  const ours = { sender: contents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
  const invoke = (channel: string, event: IpcMainInvokeEvent, ...args: unknown[]) => handlers.get(channel)!(event, ...args);
  return { handlers, listeners, contents, mainFrame, api, relay, relayed, ours, invoke, sent, openExternal, logs, languages, stopListen, listenHandlers: () => listenHandlers! };
}

describe('the IPC handlers', () => {
  it('register exactly the closed set of channels', () => {
    const { handlers, listeners } = rig();
    expect([...handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort());
    expect([...listeners.keys()].sort()).toEqual(Object.values(SEND).sort());
  });

  it('answer our window with the engine’s value', async () => {
    const { invoke, ours, api } = rig();
    expect(await invoke(INVOKE.sendCommand, ours, 'ringover-1', { type: 'digits', digits: '12#' })).toEqual({ ok: true, value: { sent: true } });
    expect(api.sendCommand).toHaveBeenCalledWith('ringover-1', { type: 'digits', digits: '12#' });
    expect(await invoke(INVOKE.setDemo, ours, false)).toEqual({ ok: true, value: { running: false } });
  });

  it.each([
    ['another window', (r: ReturnType<typeof rig>) => ({ sender: { mainFrame: r.mainFrame }, senderFrame: r.mainFrame })],
    ['a subframe of our window', (r: ReturnType<typeof rig>) => ({ sender: r.contents, senderFrame: { url: 'app://ringside/index.html' } })],
    ['our window showing a web page', (r: ReturnType<typeof rig>) => ({ sender: r.contents, senderFrame: Object.assign(r.mainFrame, { url: 'https://evil.example/' }) })],
    ['a file:// page', (r: ReturnType<typeof rig>) => ({ sender: r.contents, senderFrame: Object.assign(r.mainFrame, { url: 'file:///tmp/x.html' }) })],
    ['a look-alike origin', (r: ReturnType<typeof rig>) => ({ sender: r.contents, senderFrame: Object.assign(r.mainFrame, { url: 'app://ringside.evil/x' }) })],
    ['a sender without a frame', (r: ReturnType<typeof rig>) => ({ sender: r.contents, senderFrame: null })],
  ])('refuse %s, without calling the engine', async (_name, make) => {
    const r = rig();
    const event = make(r) as unknown as IpcMainInvokeEvent;
    expect(await r.invoke(INVOKE.sendCommand, event, 'ringover-1', { type: 'break' })).toEqual({ ok: false, status: 403, message: 'this page may not use Ringside' });
    expect(r.api.sendCommand).not.toHaveBeenCalled();
    expect(r.logs.join('\n')).toContain('ipc call refused');
  });

  it.each([
    [INVOKE.sendCommand, ['ringover-1', { type: 'digits', digits: '12x' }], /digits/],
    [INVOKE.sendCommand, ['ringover-1', { type: 'transfer', to: 'not a number' }], /to/],
    [INVOKE.sendCommand, ['', { type: 'break' }], /call id is required/],
    [INVOKE.sendCommand, ['ringover-1'], /./],
    [INVOKE.getCall, [42], /./],
    [INVOKE.listCalls, [{ state: 'everything' }], /state/],
    [INVOKE.listCalls, [{ limit: 5, extra: true }], /./],
    [INVOKE.setDemo, ['yes'], /running must be true or false/],
    [INVOKE.updateSettings, [{ notASetting: 'x' }], /./],
    [INVOKE.health, ['unexpected'], /./],
    [INVOKE.listenStop, ['not-a-uuid'], /./],
  ])('reject bad arguments to %s with 400 and a reason', async (channel, args, reason) => {
    const r = rig();
    const result = await r.invoke(channel, r.ours, ...args);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(400);
    expect(result.message).toMatch(reason);
    expect(Object.values(r.api).every((fn) => !(fn as ReturnType<typeof vi.fn>).mock?.calls.length)).toBe(true);
  });

  it('pass the engine’s errors on as data, and hide internal ones', async () => {
    const r = rig();
    expect(await r.invoke(INVOKE.getCall, r.ours, 'nope')).toEqual({ ok: false, status: 404, message: 'no call with id nope' });
    const internal = await r.invoke(INVOKE.health, r.ours);
    expect(internal).toEqual({ ok: false, status: 500, message: expect.stringContaining('internal error') });
    expect(JSON.stringify(internal)).not.toContain('/secret/path');
    expect(r.logs.join('\n')).toContain('ipc handler failed');
  });

  it('open only allow-listed links: the check happens in openExternal, errors come back', async () => {
    const r = rig();
    expect(await r.invoke(INVOKE.openExternal, r.ours, 'https://dashboard.ringover.com/')).toEqual({ ok: true, value: undefined });
    expect(r.openExternal).toHaveBeenCalledWith('https://dashboard.ringover.com/');
  });

  it('check the connection operations’ arguments, and answer 404 where the app cannot switch', async () => {
    const r = rig();
    expect(await r.invoke(INVOKE.connection, r.ours)).toEqual({ ok: false, status: 404, message: 'this app cannot change what it runs on' });
    expect(await r.invoke(INVOKE.checkServer, r.ours, '')).toMatchObject({ ok: false, status: 400, message: 'type the server’s address' });
    expect(await r.invoke(INVOKE.connectToServer, r.ours, 'ringside.example.com', 'Ada', 'x'.repeat(300))).toMatchObject({ ok: false, status: 400 });
    const foreign = { sender: r.contents, senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent;
    expect(await r.invoke(INVOKE.runHere, foreign)).toMatchObject({ ok: false, status: 403 });
  });

  it('stream listen-in audio to the window that asked, and stop it on request', async () => {
    const r = rig();
    const started = await r.invoke(INVOKE.listenStart, r.ours, 'ringover-1');
    if (!started.ok) throw new Error(started.message);
    const listenId = started.value as string;
    r.listenHandlers().audio({ sampleRate: 8000, samples: new Int16Array([1, -1]) });
    expect(r.sent).toEqual([['calls.listen.audio', { listenId, sampleRate: 8000, samples: new Int16Array([1, -1]) }]]);
    expect(await r.invoke(INVOKE.listenStop, r.ours, listenId)).toEqual({ ok: true, value: undefined });
    expect(r.stopListen).toHaveBeenCalledOnce();
  });

  it('flush queued live updates only when our window says it is ready', () => {
    const r = rig();
    const call = { id: 'c1', state: 'ringing' };
    r.relay.push({ type: 'call.updated', call } as never);
    r.listeners.get(SEND.ready)!({ sender: { mainFrame: r.mainFrame }, senderFrame: r.mainFrame } as unknown as IpcMainEvent);
    expect(r.relayed).toEqual([]);
    r.listeners.get(SEND.ready)!(r.ours as unknown as IpcMainEvent);
    expect(r.relayed).toEqual([{ type: 'call.updated', call }]);
  });

  it('take the console’s language from our window only (the menus follow it)', () => {
    const r = rig();
    (r.listeners.get(SEND.language) as (event: unknown, language: unknown) => void)({ sender: { mainFrame: r.mainFrame }, senderFrame: r.mainFrame }, 'fr');
    expect(r.languages).toEqual([]);
    (r.listeners.get(SEND.language) as (event: unknown, language: unknown) => void)(r.ours, 'fr');
    (r.listeners.get(SEND.language) as (event: unknown, language: unknown) => void)(r.ours, 'klingon');
    expect(r.languages).toEqual(['fr']);
  });
});
