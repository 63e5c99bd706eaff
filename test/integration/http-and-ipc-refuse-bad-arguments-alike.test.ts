// One validation per boundary, the same at both: the console listener (HTTP) and the desktop app's
// IPC check an operation's arguments with the table's schema and refuse the same bad arguments with
// the same 400 and the same message, before the engine sees them.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequestOf, OPERATIONS, type IpcOperationName } from '../../shared/api-operations.ts';
import type { IpcResult } from '../../shared/ipc.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { silentLogger } from '../../electron/engine/log.ts';
import { createEventRelay } from '../../electron/main/event-relay.ts';
import { setupIpc } from '../../electron/main/ipc.ts';
import { SECRETS, startEngine } from './support/engine.ts';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>;

let engine: Engine;
const handlers = new Map<string, Handler>();
const mainFrame = { url: 'app://ringside/index.html#/' };
const contents = { mainFrame, isDestroyed: () => false, send: () => undefined } as unknown as WebContents;
const ours = { sender: contents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;

beforeAll(async () => {
  engine = await startEngine();
  const ipcMain = { handle: (channel: string, fn: Handler) => void handlers.set(channel, fn), on: () => undefined };
  setupIpc({ ipcMain, api: engine.api, contents: () => contents, relay: createEventRelay(() => undefined), openExternal: async () => undefined, logger: silentLogger });
});
afterAll(() => engine.stop());

async function overHttp(name: IpcOperationName, args: unknown[]): Promise<{ status: number; message: string }> {
  const { method, path, body } = httpRequestOf(name, args);
  const res = await fetch(engine.consoleUrl + path, {
    method,
    headers: { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, message: ((await res.json()) as { error: string }).error };
}

async function overIpc(name: IpcOperationName, args: unknown[]): Promise<{ status: number; message: string }> {
  const result = await handlers.get(OPERATIONS[name].ipc)!(ours, ...args);
  if (result.ok) throw new Error(`${name} was accepted over IPC`);
  return { status: result.status, message: result.message };
}

const BAD: [IpcOperationName, unknown[], RegExp][] = [
  ['sendCommand', ['ringover-1', { type: 'digits', digits: '12x' }], /^digits must be 1 to 32 of/],
  ['sendCommand', ['ringover-1', { type: 'transfer', to: 'sales' }], /phone number/],
  ['sendCommand', ['ringover-1', { type: 'explode' }], /^type must be one of break, digits/],
  ['sendCommand', ['ringover-1', { type: 'break', loud: true }], /^unexpected field loud/],
  ['getCall', ['x'.repeat(1001)], /^a call id has at most 1000 characters/],
  ['listCalls', [{ state: 'everything' }], /^invalid query parameter state: /],
  ['listCalls', [{ limit: 0 }], /^invalid query parameter limit: /],
  ['listCalls', [{ colour: 'red' }], /^invalid query parameter colour: /],
  ['updateSettings', [{ notASetting: 'x' }], /^not a setting the console can change: notASetting$/],
  ['updateSettings', [{ botLanguage: 5 }], /^“Language” \(Voice bot\) must be text/],
  ['setDemo', ['yes'], /^running must be true or false$/],
  ['testEvent', ['nobody'], /^provider must be one of ringover/],
];

describe('bad arguments over HTTP and over IPC', () => {
  it.each(BAD)('%s(%j): the same 400 and message at both boundaries', async (name, args, message) => {
    const http = await overHttp(name, args);
    expect(http).toEqual({ status: 400, message: expect.stringMatching(message) });
    expect(await overIpc(name, args)).toEqual(http);
  });

  it('leave the engine untouched: nothing stored, the demo still off', async () => {
    const health = await engine.api.health();
    expect(health.store).toEqual({ events: 0, calls: 0 });
    expect(health.demo.running).toBe(false);
  });
});
