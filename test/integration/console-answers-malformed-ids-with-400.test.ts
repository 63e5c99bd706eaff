// A call id in a console route that is not valid percent-encoded UTF-8 (a `%` without two hex
// digits, a truncated or overlong sequence, an encoded surrogate) is the caller's mistake: 400,
// saying so. An id that is well formed but unknown is 404. Never 500.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { SECRETS, startEngine } from './support/engine.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());

const MALFORMED = ['%ZZ', '%', '%E0%A4%A', '%C0%AF', '%ED%A0%80', '%F4%90%80%80', 'ringover-%G1'];

/** Method and path sent exactly as written (fetch would re-encode them), with the console token. */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: { error?: string } }> {
  return new Promise((resolve, reject) => {
    const req = request(engine.consoleUrl + path, { method, headers: { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: (text ? JSON.parse(text) : {}) as { error?: string } }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('malformed ids in console routes', () => {
  it('answer 400 on every route that takes an id', async () => {
    for (const id of MALFORMED) {
      const routes = [
        send('GET', `/api/calls/${id}`),
        send('GET', `/api/calls/${id}/recording`),
        send('HEAD', `/api/calls/${id}/recording`),
        send('POST', `/api/calls/${id}/commands`, { 'content-type': 'application/json' }, '{"type":"break"}'),
        send('GET', `/api/calls/${id}/listen`, { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' }),
      ];
      for (const reply of await Promise.all(routes)) {
        expect(reply.status, id).toBe(400);
      }
      expect((await send('GET', `/api/calls/${id}`)).body.error).toBe('the call id in the path is not valid percent-encoded UTF-8: encode it with encodeURIComponent');
    }
  });

  it('answer 404 for a well-formed id nobody knows', async () => {
    expect(await send('GET', '/api/calls/ringover-%E2%82%AC')).toMatchObject({ status: 404, body: { error: 'no call with id ringover-€' } });
    expect((await send('POST', '/api/calls/ringover-none/commands', { 'content-type': 'application/json' }, '{"type":"break"}')).status).toBe(404);
    expect((await send('GET', '/api/calls/ringover-none/recording')).status).toBe(404);
  });
});
