// The console token travels in `Authorization: Bearer`. Only where a browser cannot send a header —
// the WebSockets and the recording's <audio> source — may the URL carry credentials, and the
// console itself puts a short-lived ticket there: single use within 30 s for a WebSocket, a few
// minutes of Range requests for one call's recording. The clock is the engine's, moved by the test.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WsBridge } from '../../renderer/src/bridge/ws-bridge.ts';
import type { Ticket } from '../../shared/api.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import { loadClips } from '../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { RingoverWebhookSender } from '../../electron/engine/simulator/webhook-sender.ts';
import { consoleGet, consolePost, SECRETS, startEngine } from './support/engine.ts';
import { eventually, until } from './support/live.ts';

const TOKEN = SECRETS.RINGSIDE_CONSOLE_TOKEN;
let engine: Engine;
let now = Date.parse('2026-01-01T09:00:00Z');
beforeAll(async () => {
  engine = await startEngine({}, { now: () => now });
});
afterAll(() => engine.stop());

/** Status of a WebSocket upgrade at the HTTP level (101 = accepted), and the error of a refusal. */
function upgrade(path: string, headers: Record<string, string> = {}): Promise<{ status: number; error?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(engine.consoleUrl + path, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, error: (JSON.parse(body) as { error: string }).error }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode! });
    });
    req.on('error', reject);
    req.end();
  });
}

async function ticket(body: unknown): Promise<Ticket> {
  const reply = await consolePost(engine, '/api/tickets', body);
  expect(reply.status).toBe(201);
  return reply.body as unknown as Ticket;
}

/** A call that rang (so it exists), for listen tickets. */
async function ringingCall(): Promise<string> {
  const callId = newCallId();
  await new RingoverWebhookSender(engine.publicUrl, SECRETS.RINGOVER_WEBHOOK_SECRET).send('ringing', { callId, direction: 'in', from: '+33612345678', to: '+33187654321' });
  return `ringover-${callId}`;
}

describe('the console token in a URL', () => {
  it('is refused on plain API routes, even beside a good header, with a message that says to use the header', async () => {
    for (const path of ['/api/calls', '/api/health', '/api/settings', '/api/calls/ringover-1']) {
      const bare = await fetch(`${engine.consoleUrl}${path}?token=${TOKEN}`);
      expect(bare.status).toBe(401);
      expect(((await bare.json()) as { error: string }).error).toMatch(/not accepted in the URL here: send it as Authorization: Bearer/);
      expect((await consoleGet(engine, `${path}?token=${TOKEN}`)).status).toBe(401);
    }
    expect((await consoleGet(engine, '/api/health')).status).toBe(200);
  });

  it('still opens the WebSockets, for scripts', async () => {
    expect((await upgrade(`/api/live?token=${TOKEN}`)).status).toBe(101);
    expect((await upgrade('/api/live', { authorization: `Bearer ${TOKEN}` })).status).toBe(101);
  });
});

describe('tickets', () => {
  it('open a WebSocket once: a second use, or a use after 30 s, is refused', async () => {
    const live = await ticket({ use: 'live' });
    expect(live).toMatchObject({ singleUse: true, expiresAt: new Date(now + 30_000).toISOString() });
    expect(live.ticket).not.toContain(TOKEN);
    expect((await upgrade(`/api/live?ticket=${live.ticket}`)).status).toBe(101);
    expect(await upgrade(`/api/live?ticket=${live.ticket}`)).toMatchObject({ status: 401, error: expect.stringMatching(/unknown, used or expired/) });

    const late = await ticket({ use: 'live' });
    now += 30_001;
    expect((await upgrade(`/api/live?ticket=${late.ticket}`)).status).toBe(401);
    expect((await upgrade('/api/live?ticket=made-up')).status).toBe(401);
  });

  it('are not used up by a handshake that fails, and open only what they were issued for', async () => {
    const id = await ringingCall();
    const listen = await ticket({ use: 'listen', callId: id });
    expect((await upgrade(`/api/calls/${id}/listen?ticket=${listen.ticket}`, { 'sec-websocket-version': '8' })).status).toBe(426);
    expect((await upgrade(`/api/calls/${id}/listen?ticket=${listen.ticket}`)).status).toBe(101);

    const other = await ringingCall();
    expect(await upgrade(`/api/calls/${other}/listen?ticket=${(await ticket({ use: 'listen', callId: id })).ticket}`)).toMatchObject({ status: 403, error: expect.stringMatching(/another call/) });
    expect((await upgrade(`/api/live?ticket=${(await ticket({ use: 'listen', callId: id })).ticket}`)).status).toBe(403);
    expect((await upgrade(`/api/calls/${id}/listen?ticket=${(await ticket({ use: 'live' })).ticket}`)).status).toBe(403);
    // Tickets open nothing on the plain API.
    expect((await fetch(`${engine.consoleUrl}/api/health?ticket=${(await ticket({ use: 'live' })).ticket}`)).status).toBe(401);
  });

  it('are issued only with the header, for calls that exist, for a use that exists', async () => {
    expect((await fetch(`${engine.consoleUrl}/api/tickets`, { method: 'POST', body: '{"use":"live"}' })).status).toBe(401);
    expect(await consolePost(engine, '/api/tickets', { use: 'listen', callId: 'ringover-nobody' })).toMatchObject({ status: 404, body: { error: 'no call with id ringover-nobody' } });
    expect(await consolePost(engine, '/api/tickets', { use: 'everything' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/"use":"live"/) } });
    expect((await consolePost(engine, '/api/tickets', { use: 'live', extra: 1 })).status).toBe(400);
  });

  it('serve one call’s recording, Range requests included, for five minutes', async () => {
    const callId = newCallId();
    const media = await SimulatedMediaServer.connect({ target: engine.publicUrl, token: SECRETS.RINGOVER_STREAMER_AUTH_TOKEN, callId, clips: loadClips().slice(0, 1) });
    media.startAudio();
    const id = `ringover-${callId}`;
    try {
      await until(() => media.sentAt.length >= 25 || undefined, 5000, 'half a second of audio');
    } finally {
      media.stop();
    }
    // Until the recorder has written audio behind the 44-byte header.
    await eventually(async () => {
      const res = await fetch(`${engine.consoleUrl}/api/calls/${id}/recording`, { method: 'HEAD', headers: { authorization: `Bearer ${TOKEN}` } });
      expect(Number(res.headers.get('content-length'))).toBeGreaterThan(1000);
    });

    const recording = await ticket({ use: 'recording', callId: id });
    expect(recording).toMatchObject({ singleUse: false, expiresAt: new Date(now + 5 * 60_000).toISOString() });
    const url = `${engine.consoleUrl}/api/calls/${id}/recording?ticket=${recording.ticket}`;
    const head = await fetch(url, { headers: { range: 'bytes=0-43' } });
    expect(head.status).toBe(206);
    expect(Buffer.from(await head.arrayBuffer()).subarray(0, 4).toString()).toBe('RIFF');
    const rest = await fetch(url, { headers: { range: 'bytes=44-' } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get('content-range')).toMatch(/^bytes 44-\d+\/\d+$/);
    await rest.arrayBuffer();

    const other = await ringingCall();
    expect((await fetch(`${engine.consoleUrl}/api/calls/${other}/recording?ticket=${recording.ticket}`)).status).toBe(403);
    now += 5 * 60_000 + 1;
    expect((await fetch(url, { headers: { range: 'bytes=0-43' } })).status).toBe(401);
  });
});

describe('the web console', () => {
  it('never puts its token in a URL: live updates, listen-in and recordings go by ticket', async () => {
    const opened: string[] = [];
    const Native = globalThis.WebSocket;
    globalThis.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        opened.push(String(url));
        super(url, protocols);
      }
    };
    const bridge = new WsBridge(engine.consoleUrl, TOKEN);
    const online: boolean[] = [];
    bridge.onStatus((status) => online.push(status.state === 'online'));
    const stop = bridge.subscribe(() => undefined);
    try {
      await until(() => online.at(-1) || undefined, 5000, 'the live socket');
      const ended: string[] = [];
      const stopListening = bridge.listen(await ringingCall(), { audio: () => undefined, ended: (reason) => ended.push(reason) });
      await until(() => ended[0], 5000, 'the listen socket to close (the call has no audio)');
      stopListening();
      expect(ended).toEqual(['this call has no live audio to listen to']);
      const recordingUrl = await bridge.recordingUrl(await ringingCall());
      expect(recordingUrl).toMatch(/\/recording\?ticket=[\w-]+$/);
      expect([...opened, recordingUrl].filter((url) => url.includes(TOKEN))).toEqual([]);
      expect(opened.map((url) => new URL(url).pathname)).toEqual(['/api/live', expect.stringMatching(/^\/api\/calls\/ringover-\d+\/listen$/)]);
    } finally {
      stop();
      globalThis.WebSocket = Native;
    }
  });
});
