// A browser tells the console which page is calling (Origin). The console's WebSockets and API take
// only its own pages — http://127.0.0.1, localhost or [::1] on the console's port — and the desktop
// app's app://ringside; any other page (another port, another host, a sandboxed `null`, another
// app) is refused with 403, token or not. Scripts send no Origin and are judged by their token.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { SECRETS, startEngine } from './support/engine.ts';

let engine: Engine;
let port: number;
beforeAll(async () => {
  engine = await startEngine();
  port = Number(new URL(engine.consoleUrl).port);
});
afterAll(() => engine.stop());

const TOKEN = SECRETS.RINGSIDE_CONSOLE_TOKEN;
const own = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`, 'app://ringside', undefined];
const foreign = () => [
  `http://127.0.0.1:${port + 1}`,
  'http://localhost:3000',
  `http://evil.example:${port}`,
  `https://127.0.0.1:${port}`,
  `http://127.0.0.1.evil.example:${port}`,
  'null',
  'app://other',
  'file://',
];

/** Status of a request (an upgrade when `upgrade`), at the HTTP level. */
function status(path: string, origin: string | undefined, upgrade: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, ...(origin !== undefined && { origin }) };
    if (upgrade) Object.assign(headers, { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' });
    const req = request(engine.consoleUrl + path, { headers });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('Origin on the console listener', () => {
  it('opens /api/live and listen-in for its own pages and the desktop app only', async () => {
    for (const origin of own()) {
      expect(await status('/api/live', origin, true), String(origin)).toBe(101);
      expect(await status('/api/calls/ringover-1/listen', origin, true), String(origin)).toBe(101);
    }
    for (const origin of foreign()) {
      expect(await status('/api/live', origin, true), origin).toBe(403);
      expect(await status(`/api/live?token=${TOKEN}`, origin, true), origin).toBe(403);
      expect(await status('/api/calls/ringover-1/listen', origin, true), origin).toBe(403);
    }
  });

  it('answers /api requests from its own pages, and 403 with a reason to any other', async () => {
    for (const origin of own()) expect(await status('/api/health', origin, false), String(origin)).toBe(200);
    for (const origin of foreign()) expect(await status('/api/health', origin, false), origin).toBe(403);
    const refused = await fetch(`${engine.consoleUrl}/api/calls`, { headers: { authorization: `Bearer ${TOKEN}`, origin: 'http://localhost:3000' } });
    expect(await refused.json()).toEqual({ error: "requests from http://localhost:3000 are refused: only the console's own pages may call the console API" });
  });
});
