// The stream source allow-list: off by default; once set, a webhook or a media-stream upgrade from
// a source outside it gets 403 (and the log one line per interval, then a count), a source inside it
// goes through, directly or behind a trusted proxy, and X-Forwarded-For from a peer that is not a
// trusted proxy is not believed.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { createLogger } from '../../electron/engine/log.ts';
import { ringoverBody, signRingoverHmac, type SignedRequest } from '../fakes/webhook-signers.ts';
import { post, SECRETS, startEngine } from './support/engine.ts';

let now = Date.UTC(2026, 0, 1, 9);
const lines: Record<string, unknown>[] = [];
const logger = createLogger({ write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>), now: () => now });
let engine: Engine;

beforeAll(async () => {
  engine = await startEngine({}, { logger });
});
afterAll(() => engine.stop());

const webhook = (id: string, xff?: string): SignedRequest => {
  const signed = signRingoverHmac(ringoverBody('ringing', id), SECRETS.RINGOVER_WEBHOOK_SECRET);
  return xff ? { ...signed, headers: { ...signed.headers, 'x-forwarded-for': xff } } : signed;
};

const setSources = (streamAllowList: string | null, trustedProxies: string | null = null) => engine.api.updateSettings({ streamAllowList, trustedProxies });

function upgrade(path: string, xff?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(engine.publicUrl + path, {
      headers: {
        connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        authorization: `Bearer ${SECRETS.RINGOVER_STREAMER_AUTH_TOKEN}`, ...(xff && { 'x-forwarded-for': xff }),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the stream source allow-list', () => {
  it('is off by default: any source gets in', async () => {
    expect((await post(engine.publicUrl, webhook('8001'))).status).toBe(200);
  });

  it('lets a direct source in the list through', async () => {
    await setSources('127.0.0.0/8, ::1');
    expect((await post(engine.publicUrl, webhook('8002'))).status).toBe(200);
    expect(await upgrade('/stream/8002')).toBe(101);
  });

  it('refuses a source outside the list with 403, webhooks and streams alike, with one summarised log line', async () => {
    await setSources('203.0.113.0/24');
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => post(engine.publicUrl, webhook(`81${i}`))));
    expect(replies.every((r) => r.status === 403)).toBe(true);
    expect(String(replies[0]!.body.error)).toContain('127.0.0.1');
    expect(await upgrade('/stream/8100')).toBe(403);
    expect(lines.filter((l) => l.msg === 'source not allowed')).toHaveLength(1);
    now += 60_000;
    await post(engine.publicUrl, webhook('8199'));
    expect(lines.filter((l) => String(l.msg).startsWith('source not allowed: '))).toEqual([expect.objectContaining({ repeated: 20 })]);
  });

  it('believes X-Forwarded-For from a trusted proxy', async () => {
    await setSources('203.0.113.0/24', '127.0.0.1/32, ::1');
    expect((await post(engine.publicUrl, webhook('8201', '203.0.113.7'))).status).toBe(200);
    expect(await upgrade('/stream/8201', '198.51.100.9, 203.0.113.7')).toBe(101);
    // The client is the nearest untrusted hop: a forged first entry does not help.
    expect((await post(engine.publicUrl, webhook('8202', '203.0.113.7, 198.51.100.9'))).status).toBe(403);
  });

  it('does not believe X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    await setSources('203.0.113.0/24', '10.0.0.0/8');
    expect((await post(engine.publicUrl, webhook('8301', '203.0.113.7'))).status).toBe(403);
    expect(await upgrade('/stream/8301', '203.0.113.7')).toBe(403);
  });

  it('refuses a list that is not addresses, naming the entry', async () => {
    await expect(setSources('203.0.113.0/24, example.com')).rejects.toThrow('example.com');
  });
});
