// A bad event fails alone, with a 4xx that names the problem; the genuine deliveries sent with it
// are stored and acknowledged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { ringoverBody, signRingoverHmac, signRingoverJwt } from '../fakes/webhook-signers.ts';
import { consoleGet, post, SECRETS, startEngine } from './support/engine.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());

const deepTags = (callId: string) =>
  `{"resource":"aftercall","event":"tags_updated","timestamp":1763888400.5,"attempt":1,"data":{"call_id":${callId},"id":"tags-${callId}","tags":${'['.repeat(4000)}"vip"${']'.repeat(4000)}}}`;

describe('one bad webhook among genuine ones', () => {
  it('answers a 4,000-deep signed tags_updated 400 naming the limit, on every retry, while 150 genuine deliveries are stored', async () => {
    const key = SECRETS.RINGOVER_WEBHOOK_SECRET;
    const genuine = Array.from({ length: 150 }, (_, i) => signRingoverJwt(ringoverBody('ringing', String(910_000 + i)), { key }));
    const bad = [signRingoverJwt(deepTags('909999'), { key }), signRingoverHmac(deepTags('909999'), key)];
    const replies = await Promise.all([...bad, ...genuine, ...bad].map((signed) => post(engine.publicUrl, signed)));

    for (const reply of [...replies.slice(0, 2), ...replies.slice(-2)]) {
      expect(reply.status).toBe(400);
      expect(reply.body.error).toMatch(/nests deeper than 64 levels/);
    }
    const acknowledged = replies.slice(2, -2);
    expect(acknowledged.map((r) => r.status)).toEqual(genuine.map(() => 200));
    const stored = await Promise.all(genuine.map((_, i) => consoleGet(engine, `/api/calls/ringover-${910_000 + i}`)));
    expect(stored.map((r) => r.status)).toEqual(genuine.map(() => 200));
    expect((await consoleGet(engine, '/api/calls/ringover-909999')).status).toBe(404);
  });
});
