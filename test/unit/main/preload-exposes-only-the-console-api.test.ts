// The preload's whole surface: one `window.ringside` object with exactly the console API, each
// method on its own closed channel, subscriptions that never pass Electron's event on.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENTS, INVOKE, SEND, type DesktopApi } from '../../../shared/ipc.ts';

const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const sent: unknown[][] = [];
const handlers = new Map<string, Set<(event: unknown, payload: unknown) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      invoked.push(args);
      return args[0] === 'calls.listen.start' ? { ok: true, value: '6f9619ff-8b86-4011-b42d-00c04fc964ff' } : { ok: true, value: args[0] };
    },
    send: (...args: unknown[]) => sent.push(args),
    on: (channel: string, fn: (event: unknown, payload: unknown) => void) => {
      if (!handlers.has(channel)) handlers.set(channel, new Set());
      handlers.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => handlers.get(channel)?.delete(fn),
  },
}));

const emit = (channel: string, payload: unknown) => {
  for (const fn of handlers.get(channel) ?? []) fn({ sender: 'ELECTRON EVENT', ports: [] }, payload);
};

let api: DesktopApi;
beforeAll(async () => {
  await import('../../../electron/preload/index.ts');
  api = exposed.get('ringside') as DesktopApi;
});

describe('the preload', () => {
  it('exposes one object, `ringside`, with exactly these methods', () => {
    expect([...exposed.keys()]).toEqual(['ringside']);
    const surface = Object.fromEntries(Object.entries(api).map(([name, value]) => [name, typeof value]));
    expect(surface).toMatchInlineSnapshot(`
      {
        "backfill": "function",
        "callBack": "function",
        "commentCall": "function",
        "eraseNumber": "function",
        "exportNumber": "function",
        "findNumber": "function",
        "getCall": "function",
        "health": "function",
        "listCalls": "function",
        "listen": "function",
        "onMenu": "function",
        "openExternal": "function",
        "pauseRecording": "function",
        "ringoverInsights": "function",
        "ringoverStatus": "function",
        "sendCommand": "function",
        "sendSms": "function",
        "setDemo": "function",
        "setLanguage": "function",
        "setLegalHold": "function",
        "settings": "function",
        "stats": "function",
        "subscribe": "function",
        "tagCall": "function",
        "testEvent": "function",
        "testRingoverKey": "function",
        "transferTargets": "function",
        "updateSettings": "function",
      }
    `);
  });

  it('maps each operation to its own channel with its arguments as given', async () => {
    invoked.length = 0;
    await api.listCalls({ state: 'live' });
    await api.getCall('ringover-1');
    await api.health();
    await api.sendCommand('ringover-1', { type: 'break' });
    await api.settings();
    await api.updateSettings({ openaiModel: 'x' } as never);
    await api.setDemo(true);
    await api.openExternal('https://ringover.com/');
    await api.testEvent('ringyo');
    sent.length = 0;
    api.setLanguage('fr');
    expect(sent).toEqual([[SEND.language, 'fr']]);
    expect(invoked).toEqual([
      [INVOKE.listCalls, { state: 'live' }],
      [INVOKE.getCall, 'ringover-1'],
      [INVOKE.health],
      [INVOKE.sendCommand, 'ringover-1', { type: 'break' }],
      [INVOKE.settings],
      [INVOKE.updateSettings, { openaiModel: 'x' }],
      [INVOKE.setDemo, true],
      [INVOKE.openExternal, 'https://ringover.com/'],
      [INVOKE.testEvent, 'ringyo'],
    ]);
  });

  it('says ready once on the first subscription, passes only the message, and unsubscribes', () => {
    sent.length = 0;
    const first: unknown[] = [];
    const second: unknown[] = [];
    const offFirst = api.subscribe((m) => first.push(m));
    const offSecond = api.subscribe((m) => second.push(m));
    expect(sent).toEqual([[SEND.ready]]);
    emit(EVENTS.live, { type: 'call.updated', call: { id: 'a' } });
    expect(first).toEqual([{ type: 'call.updated', call: { id: 'a' } }]);
    expect(second).toEqual(first);
    offFirst();
    offSecond();
    expect(handlers.get(EVENTS.live)?.size).toBe(0);
  });

  it('delivers listen-in audio of its own session only, and stops it', async () => {
    invoked.length = 0;
    const audio: unknown[] = [];
    const stop = api.listen('ringover-1', (chunk) => audio.push(chunk), () => undefined);
    await vi.waitFor(() => expect(invoked).toEqual([[INVOKE.listenStart, 'ringover-1']]));
    emit(EVENTS.listenAudio, { listenId: 'someone-else', sampleRate: 8000, samples: new Int16Array([9]) });
    emit(EVENTS.listenAudio, { listenId: '6f9619ff-8b86-4011-b42d-00c04fc964ff', sampleRate: 8000, samples: new Int16Array([1]) });
    expect(audio).toEqual([{ sampleRate: 8000, samples: new Int16Array([1]) }]);
    stop();
    expect(invoked.at(-1)).toEqual([INVOKE.listenStop, '6f9619ff-8b86-4011-b42d-00c04fc964ff']);
    expect(handlers.get(EVENTS.listenAudio)?.size).toBe(0);
  });
});
