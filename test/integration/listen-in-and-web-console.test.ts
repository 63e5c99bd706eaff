// Listen-in streams a live call's audio to the console as it is recorded (caller left, agent
// right) and says when the call's audio is over; the console listener serves the built web
// console with a strict CSP, its own routes falling back to the page.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Engine } from '../../electron/engine/engine.ts';
import { loadClips } from '../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender } from '../../electron/engine/simulator/webhook-sender.ts';
import { SECRETS, startEngine } from './support/engine.ts';
import { until } from './support/live.ts';

let engine: Engine;
let webRoot: string;
beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'ringside-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Ringside</title>');
  writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
  engine = await startEngine({}, { webRoot });
});
afterAll(() => engine.stop());

interface Heard {
  format?: { sampleRate: number; channels: number };
  frames: Int16Array[];
  closed?: { code: number; reason: string };
}

function listen(callId: string): Promise<{ socket: WebSocket; heard: Heard }> {
  const socket = new WebSocket(`${engine.consoleUrl.replace('http', 'ws')}/api/calls/${encodeURIComponent(callId)}/listen?token=${SECRETS.RINGSIDE_CONSOLE_TOKEN}`);
  const heard: Heard = { frames: [] };
  socket.on('message', (data: Buffer, binary) => {
    if (!binary) heard.format = JSON.parse(data.toString()) as Heard['format'];
    else heard.frames.push(new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)));
  });
  socket.on('close', (code, reason) => (heard.closed = { code, reason: reason.toString() }));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, heard }));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
  });
}

describe('listen-in', () => {
  it('streams the call’s audio as stereo PCM, caller on the left, and closes when the call ends', async () => {
    const callId = newCallId();
    const media = await SimulatedMediaServer.connect({ target: engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId, clips: loadClips().slice(0, 1), pauseMs: 0 });
    media.startAudio();
    await until(() => engine.sessions.get(`ringover-${callId}`)?.recorder, 3000, 'the call’s audio');
    const { heard } = await listen(`ringover-${callId}`);
    await until(() => heard.frames.length >= 50 || undefined, 5000, 'a second of audio');
    expect(heard.format).toEqual({ type: 'format', sampleRate: 8000, channels: 2 });
    const samples = heard.frames.flatMap((f) => [...f]);
    const left = samples.filter((_, i) => i % 2 === 0);
    const right = samples.filter((_, i) => i % 2 === 1);
    expect(Math.max(...left.map(Math.abs))).toBeGreaterThan(1000); // the caller speaking
    expect(Math.max(...right.map(Math.abs))).toBe(0); // nobody answering
    expect(heard.frames.every((f) => f.length % 2 === 0)).toBe(true);

    media.stop();
    await new RingoverWebhookSender(engine.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET).send('hangup', { callId, direction: 'in', from: '+33612345678', to: '+33187654321' });
    await until(() => heard.closed, 5000, 'the listen socket to close');
    expect(heard.closed).toEqual({ code: 4404, reason: 'the call’s audio ended' });
  });

  it('closes at once, saying why, for a call with no live audio', async () => {
    const { heard } = await listen('ringover-nope');
    await until(() => heard.closed, 3000, 'the refusal');
    expect(heard.closed).toEqual({ code: 4404, reason: 'no call with id ringover-nope' });
  });

  it('needs the console token', async () => {
    const socket = new WebSocket(`${engine.consoleUrl.replace('http', 'ws')}/api/calls/x/listen`);
    const status = await new Promise<number>((resolve) => socket.once('unexpected-response', (_req, res) => resolve(res.statusCode!)));
    expect(status).toBe(401);
  });
});

/** A GET with the path sent exactly as written (fetch would normalize it). */
function rawGet(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${engine.consoleUrl}${path}`, (res) => (res.resume(), resolve(res.statusCode!)));
    req.on('error', reject);
    req.end();
  });
}

describe('the web console', () => {
  it('serves the page with a strict CSP and no caching, assets for good', async () => {
    const page = await fetch(`${engine.consoleUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Ringside</title>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ws://${new URL(engine.consoleUrl).host}`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    for (const [name, value] of Object.entries({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' })) {
      expect(page.headers.get(name)).toBe(value);
    }
    expect(page.headers.get('permissions-policy')).toContain('camera=()');
    const asset = await fetch(`${engine.consoleUrl}/assets/index-abc123.js`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('answers the app’s own routes with the page, and missing files with 404', async () => {
    expect(await (await fetch(`${engine.consoleUrl}/history`)).text()).toContain('<title>Ringside</title>');
    expect((await fetch(`${engine.consoleUrl}/assets/missing.js`)).status).toBe(404);
    expect(await rawGet('/..%2f..%2f..%2fetc%2fpasswd')).toBe(404); // encoded slashes survive URL parsing
    expect((await fetch(`${engine.consoleUrl}/`, { method: 'POST' })).status).toBe(405);
  });

  it('says how to build it when it is not built', async () => {
    const bare = await startEngine({}, { webRoot: mkdtempSync(join(tmpdir(), 'ringside-empty-')) });
    try {
      const res = await fetch(`${bare.consoleUrl}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('npm run build');
    } finally {
      await bare.stop();
    }
  });
});
