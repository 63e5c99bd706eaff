import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { freePort, SECRETS, startEngine } from './support/engine.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());


/** Status of a WebSocket upgrade attempt, read at the HTTP level (101 = accepted). */
function upgrade(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(baseUrl + path, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode!, body: '' });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('stream server upgrade authentication', () => {
  it('accepts the token in ?token= or as a Bearer header, on every stream path', async () => {
    const token = SECRETS.RINGOVER_STREAMER_AUTH_TOKEN;
    expect((await upgrade(engine.publicUrl, `/stream/123?token=${token}`)).status).toBe(101);
    expect((await upgrade(engine.publicUrl, `/stream/call_123?token=${token}`)).status).toBe(101);
    expect((await upgrade(engine.publicUrl, `/stream?call_id=123&token=${token}`)).status).toBe(101);
    expect((await upgrade(engine.publicUrl, '/stream/123', { authorization: `Bearer ${token}` })).status).toBe(101);
  });

  it('refuses a missing or wrong token with HTTP 401 and no socket', async () => {
    const missing = await upgrade(engine.publicUrl, '/stream/123');
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toEqual({ error: 'missing or wrong stream token (?token= or Authorization: Bearer)' });
    expect((await upgrade(engine.publicUrl, '/stream/123?token=wrong')).status).toBe(401);
    expect((await upgrade(engine.publicUrl, '/stream/123', { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('refuses upgrades on other paths with 404', async () => {
    expect((await upgrade(engine.publicUrl, `/webhooks/ringover?token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`)).status).toBe(404);
  });

  it('refuses every stream, naming the setting, when no token is configured', async () => {
    const bare = await startEngine({ ringoverStreamerAuthToken: undefined });
    try {
      const reply = await upgrade(bare.publicUrl, '/stream/123?token=anything');
      expect(reply.status).toBe(503);
      expect(JSON.parse(reply.body).error).toBe('streaming is not configured: set “Stream token” (Live audio; in Settings or RINGOVER_STREAMER_AUTH_TOKEN)');
      const health = (await (await fetch(`${bare.consoleUrl}/api/health`, { headers: { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` } })).json()) as {
        streams: unknown;
      };
      expect(health.streams).toMatchObject({ configured: false, missing: '“Stream token” (Live audio)', connected: 0 });
    } finally {
      await bare.stop();
    }
  });

  it('serves streams on a port of their own when RINGOVER_WEBSOCKET_PORT differs', async () => {
    const split = await startEngine({ ringoverWebsocketPort: await freePort() });
    try {
      const streamUrl = split.streamUrl.replace('ws:', 'http:');
      expect(streamUrl).not.toBe(split.publicUrl);
      expect((await upgrade(streamUrl, `/stream/9?token=${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`)).status).toBe(101);
      expect((await fetch(`${streamUrl}/webhooks/ringover`, { method: 'POST' })).status).toBe(404);
    } finally {
      await split.stop();
    }
  });
});
