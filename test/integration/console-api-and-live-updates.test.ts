import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { ringoverBody, signRingoverHmac } from '../fakes/webhook-signers.ts';
import { consoleGet, post, SECRETS, startEngine } from './support/engine.ts';
import { openLive, until } from './support/live.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());

const liveUrl = (token = SECRETS.RINGSIDE_CONSOLE_TOKEN) => `${engine.consoleUrl.replace('http', 'ws')}/api/live?token=${token}`;
const openFeed = () => openLive(engine.consoleUrl, SECRETS.RINGSIDE_CONSOLE_TOKEN);

/** Status of an upgrade attempt, read at the HTTP level. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url.replace('ws', 'http'), {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('response', (res) => resolve(res.statusCode!));
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode!);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('console API', () => {
  it('requires the console token', async () => {
    const res = await fetch(engine.consoleUrl + '/api/calls');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await res.json()) as { error: string }).error).toMatch(/console token/);
    expect((await consoleGet(engine, '/api/calls', 'wrong-token-wrong-token')).status).toBe(401);
  });

  it('validates query parameters and names the bad one', async () => {
    expect(await consoleGet(engine, '/api/calls?limit=0')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^invalid query parameter limit/) } });
    expect(await consoleGet(engine, '/api/calls?state=zombie')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/state/) } });
    expect(await consoleGet(engine, '/api/calls?colour=red')).toMatchObject({ status: 400, body: { error: expect.stringMatching(/colour/) } });
    expect((await consoleGet(engine, '/api/calls/nope')).status).toBe(404);
    expect((await consoleGet(engine, '/api/nowhere')).status).toBe(404);
  });

  it('refuses requests whose Host is not loopback (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve) => {
      request(engine.consoleUrl + '/api/health', { headers: { host: 'evil.example', authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` } }, (res) =>
        resolve(res.statusCode!),
      ).end();
    });
    expect(status).toBe(403);
  });

  it('pushes event.appended and call.updated on /api/live as webhooks arrive', async () => {
    const { socket, messages } = await openFeed();
    try {
      await post(engine.publicUrl, signRingoverHmac(ringoverBody('ringing', '501'), SECRETS.RINGOVER_WEBHOOK_SECRET));
      const update = await until(() => messages.find((m) => m.type === 'call.updated' && m.call.providerCallId === '501'));
      expect(update).toMatchObject({ type: 'call.updated', call: { id: 'ringover-501', state: 'ringing' } });
      const appended = messages.find((m) => m.type === 'event.appended');
      expect(appended).toMatchObject({ type: 'event.appended', event: { callId: 'ringover-501', type: 'ringing' } });
      expect(messages.indexOf(appended!)).toBeLessThan(messages.indexOf(update));
    } finally {
      socket.close();
    }
  });

  it('delivers every message of a burst, in order, each as its own frame', async () => {
    const { socket, messages } = await openFeed();
    try {
      // Published in one go, as a peaks tick does: they leave in one write, yet each frame must still
      // parse as one message (the feed parses frame by frame).
      for (let i = 0; i < 200; i++) engine.calls.feed.publish({ type: 'audio.peaks', calls: [{ callId: `burst-${i}`, startMs: i * 20, caller: [i % 100], agent: [0] }] });
      await until(() => messages.find((m) => m.type === 'audio.peaks' && m.calls[0]!.callId === 'burst-199'));
      const burst = messages.flatMap((m) => (m.type === 'audio.peaks' && m.calls[0]!.callId.startsWith('burst-') ? [m.calls[0]!.callId] : []));
      expect(burst).toEqual(Array.from({ length: 200 }, (_, i) => `burst-${i}`));
    } finally {
      socket.close();
    }
  });

  it('starts a new live client with the calls already live', async () => {
    await post(engine.publicUrl, signRingoverHmac(ringoverBody('answered', '502'), SECRETS.RINGOVER_WEBHOOK_SECRET));
    const { socket, messages } = await openFeed();
    try {
      const snapshot = await until(() => messages.find((m) => m.type === 'call.updated' && m.call.providerCallId === '502'));
      expect(snapshot).toMatchObject({ call: { state: 'in-progress' } });
    } finally {
      socket.close();
    }
  });

  it('refuses a live upgrade without the token (401) or from another origin (403)', async () => {
    expect(await upgradeStatus(`${engine.consoleUrl}/api/live`)).toBe(401);
    expect(await upgradeStatus(liveUrl(), { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(liveUrl())).toBe(101);
  });
});
