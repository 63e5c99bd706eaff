// The console API's table: every operation of the API has a schema for its arguments, an HTTP route
// that carries each of them, a doc, and (unless only a browser needs it) its own IPC channel; every
// IPC channel the desktop app opens belongs to an operation, a stream or the window's own operation.
import { describe, expect, it } from 'vitest';
import { DESKTOP_OPERATIONS, httpRequestOf, IPC_OPERATION_NAMES, OPERATIONS, STREAMS, type Operation } from '../../../shared/api-operations.ts';
import { EVENTS, INVOKE, SEND } from '../../../shared/ipc.ts';
import { createConsoleApi } from '../../../electron/engine/console-api.ts';

const table = Object.entries(OPERATIONS) as [string, Operation][];

describe('the console API’s table', () => {
  it('has an entry for every operation of the API that answers once (streams aside)', () => {
    const api = Object.keys(createConsoleApi({ calls: {} } as never));
    expect(Object.keys(OPERATIONS).sort()).toEqual(api.filter((name) => name !== 'subscribe' && name !== 'listen').sort());
    expect(Object.keys(STREAMS).sort()).toEqual(['listen', 'subscribe']);
  });

  it.each(table)('gives %s a schema, a route carrying each argument, and a doc', (_name, operation) => {
    expect(operation.args.def.type).toBe('tuple');
    expect(operation.http.args).toHaveLength(operation.args.def.items.length);
    expect(operation.http.path).toMatch(/^\/api\//);
    expect(operation.http.path.split(':id').length - 1).toBe(operation.http.args.filter((where) => where === 'path').length);
    expect(operation.http.args.filter((where) => where === 'query' || where === 'body').length).toBeLessThanOrEqual(1);
    expect(operation.doc.length).toBeGreaterThan(10);
  });

  it('never gives two operations the same method and route, nor the same channel', () => {
    const routes = table.map(([, operation]) => `${operation.http.method} ${operation.http.path}`);
    expect(new Set(routes).size).toBe(routes.length);
    const channels = [...IPC_OPERATION_NAMES.map((name) => OPERATIONS[name].ipc), STREAMS.listen.ipc.start, STREAMS.listen.ipc.stop, DESKTOP_OPERATIONS.openExternal.ipc];
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('leaves out of IPC only what the desktop window never needs (tickets for URLs it never opens)', () => {
    expect(table.filter(([, operation]) => !operation.ipc).map(([name]) => name)).toEqual(['issueTicket']);
  });

  it('maps every channel the desktop app uses to an operation, a stream or the window’s own operation', () => {
    const named = new Set<string>([
      ...IPC_OPERATION_NAMES.map((name) => OPERATIONS[name].ipc),
      ...Object.values(STREAMS.subscribe.ipc),
      ...Object.values(STREAMS.listen.ipc),
      ...Object.values(DESKTOP_OPERATIONS).map((operation) => operation.ipc),
    ]);
    for (const channel of [...Object.values(INVOKE), ...Object.values(SEND), EVENTS.live, EVENTS.listenAudio, EVENTS.listenEnded]) {
      expect(named, channel).toContain(channel);
    }
    for (const name of IPC_OPERATION_NAMES) expect(INVOKE[name]).toBe(OPERATIONS[name].ipc);
  });

  it('builds the HTTP request of an operation from its arguments: path, query and body', () => {
    expect(httpRequestOf('sendCommand', ['ringover-a b/c', { type: 'break' }])).toEqual({ method: 'POST', path: '/api/calls/ringover-a%20b%2Fc/commands', body: { type: 'break' } });
    expect(httpRequestOf('listCalls', [{ state: 'live', q: '', limit: 5, before: undefined }])).toEqual({ method: 'GET', path: '/api/calls?state=live&limit=5' });
    expect(httpRequestOf('setDemo', [false])).toEqual({ method: 'POST', path: '/api/demo', body: { running: false } });
    expect(httpRequestOf('health', [])).toEqual({ method: 'GET', path: '/api/health' });
  });
});
