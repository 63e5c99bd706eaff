import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { ringgRequest, ringotelRequest, ringoverBody, signRingoverHmac, signRingoverJwt, signRingyo } from '../fakes/webhook-signers.ts';
import { consoleGet, post, SECRETS, startEngine } from './support/engine.ts';

const BIG_ID = '1234567890987654400';
let engine: Engine;

beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());

/** Sends `size` bytes of body in chunks, without a content-length, and reads the answer. */
function postChunked(url: string, size: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'transfer-encoding': 'chunked', 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('webhook receiver on the public listener', () => {
  it('stores a signed Ringover JWT delivery and keeps the id above 2^53 exact everywhere', async () => {
    const body = ringoverBody('ringing', BIG_ID, { direction: 'in', from_number: '33612345678', to_number: '33187654321' });
    const reply = await post(engine.publicUrl, signRingoverJwt(body, { key: SECRETS.RINGOVER_WEBHOOK_SECRET }));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: true, duplicate: false, callId: `ringover-${BIG_ID}` });

    const detail = await consoleGet(engine, `/api/calls/ringover-${BIG_ID}`);
    expect(detail.status).toBe(200);
    expect(detail.body.call).toMatchObject({ providerCallId: BIG_ID, state: 'ringing', direction: 'inbound', from: { number: '33612345678' } });
    const list = await consoleGet(engine, `/api/calls?q=${BIG_ID}`);
    expect((list.body.calls as { providerCallId: string }[]).map((c) => c.providerCallId)).toEqual([BIG_ID]);
  });

  it('answers a redelivery 200 duplicate and stores it once', async () => {
    const body = ringoverBody('answered', '42', {}, 'call', 1, '1700000100.1');
    const first = await post(engine.publicUrl, signRingoverHmac(body, SECRETS.RINGOVER_WEBHOOK_SECRET));
    const retry = await post(engine.publicUrl, signRingoverHmac(ringoverBody('answered', '42', {}, 'call', 2, '1700000100.1'), SECRETS.RINGOVER_WEBHOOK_SECRET));
    expect(first.body.duplicate).toBe(false);
    expect(retry).toMatchObject({ status: 200, body: { ok: true, duplicate: true } });
    const detail = await consoleGet(engine, '/api/calls/ringover-42');
    expect(detail.body.events).toHaveLength(1);
  });

  it('accepts the /api/v1/webhooks/ringover/event alias', async () => {
    const signed = signRingoverHmac(ringoverBody('ringing', '43'), SECRETS.RINGOVER_WEBHOOK_SECRET);
    expect((await post(engine.publicUrl, { ...signed, path: '/api/v1/webhooks/ringover/event' })).status).toBe(200);
  });

  it('stores Ringotel, Ringyo and Ringg deliveries as calls', async () => {
    const replies = await Promise.all([
      post(engine.publicUrl, ringotelRequest('StartCallActivity', { call_id: 'rt-1', caller: '+33600000001' }, SECRETS.RINGOTEL_API_TOKEN)),
      post(engine.publicUrl, signRingyo(JSON.stringify({ event: 'call.answered', data: { call_id: 'ry-1' } }), SECRETS.RINGYO_WEBHOOK_SECRET)),
      post(engine.publicUrl, ringgRequest({ event_type: 'call_completed', call_id: 'rg-1' }, SECRETS.RINGG_WEBHOOK_TOKEN)),
    ]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    const states = await Promise.all(['ringotel-rt-1', 'ringyo-ry-1', 'ringg-rg-1'].map((id) => consoleGet(engine, `/api/calls/${id}`)));
    expect(states.map((s) => (s.body.call as { state: string }).state)).toEqual(['ringing', 'in-progress', 'ended']);
  });

  it('rejects a bad signature with 401 and stores nothing', async () => {
    const before = (await consoleGet(engine, '/api/health')).body.store as { events: number };
    const reply = await post(engine.publicUrl, signRingoverHmac(ringoverBody('ringing', '44'), 'wrong-secret'));
    expect(reply.status).toBe(401);
    expect(reply.body.error).toMatch(/RINGOVER_WEBHOOK_SECRET/);
    const after = (await consoleGet(engine, '/api/health')).body.store as { events: number };
    expect(after.events).toBe(before.events);
    expect((await consoleGet(engine, '/api/calls/ringover-44')).status).toBe(404);
  });

  it('rejects malformed JSON with 400 and a JSON error', async () => {
    const reply = await post(engine.publicUrl, signRingoverHmac('{"resource":"call",', SECRETS.RINGOVER_WEBHOOK_SECRET));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatch(/^malformed JSON/);
  });

  it('rejects a declared body over 1 MiB with 413 before reading it', async () => {
    const res = await fetch(engine.publicUrl + '/webhooks/ringover', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.alloc(1024 * 1024 + 1, 0x20),
    }).catch((error: unknown) => error as Error);
    if (res instanceof Error) throw res;
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/at most 1 MiB/);
  });

  it('rejects a chunked body that grows past 1 MiB with 413', async () => {
    // Signed (wrongly): an unsigned body is refused from its headers, before its size is known.
    const reply = await postChunked(engine.publicUrl + '/webhooks/ringyo', 4 * 1024 * 1024, { 'x-ringyo-signature': '00'.repeat(32) });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toEqual({ error: 'body exceeds 1024 KiB: send at most 1 MiB per request' });
  });

  it('answers unknown paths 404 and wrong methods 405, in JSON', async () => {
    const missing = await fetch(engine.publicUrl + '/webhooks/unknown', { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toMatch(/no such endpoint/);
    const wrongMethod = await fetch(engine.publicUrl + '/webhooks/ringover');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await fetch(engine.publicUrl + '/healthz')).status).toBe(200);
  });

  it('has no console route on the public listener', async () => {
    const res = await fetch(engine.publicUrl + '/api/calls', { headers: { authorization: `Bearer ${SECRETS.RINGSIDE_CONSOLE_TOKEN}` } });
    expect(res.status).toBe(404);
  });
});

describe('a provider with no secret configured', () => {
  it('answers 503 naming the setting, and stores nothing', async () => {
    const bare = await startEngine({ ringyoWebhookSecret: undefined });
    try {
      const reply = await post(bare.publicUrl, signRingyo(JSON.stringify({ event: 'call.answered', data: { call_id: 'x' } }), 'anything'));
      expect(reply.status).toBe(503);
      expect(reply.body.error).toMatch(/set “Webhook secret” \(Ringyo; in Settings or RINGYO_WEBHOOK_SECRET\)/);
      const health = await consoleGet(bare, '/api/health');
      expect(health.body.providers).toMatchObject({ ringyo: { configured: false, missing: '“Webhook secret” (Ringyo)' }, ringover: { configured: true } });
      expect(health.body.store).toEqual({ events: 0, calls: 0 });
    } finally {
      await bare.stop();
    }
  });
});
