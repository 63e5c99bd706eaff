// Deliveries as providers really send them, signed and posted to the public listener, read back
// through the console API: aftercall updates that are new events (not redeliveries), times in
// any unit, and Ringotel's documented StopCallActivity field for field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../electron/engine/engine.ts';
import { ringotelRequest, signRingoverHmac, signRingoverJwt, signRingyo } from '../fakes/webhook-signers.ts';
import { consoleGet, post, SECRETS, startEngine } from './support/engine.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine();
});
afterAll(() => engine.stop());

const callOf = async (id: string) => (await consoleGet(engine, `/api/calls/${id}`)).body as { call: Record<string, unknown>; events: Record<string, unknown>[] };

/** The tags_updated (and comments_updated) bodies: one call, six minutes apart. */
const aftercall = (event: string, callId: string, timestamp: string, data: string, attempt = 1) =>
  `{"event":"${event}","resource":"aftercall","timestamp":${timestamp},"data":{"call_id":${callId},${data}},"attempt":${attempt}}`;

describe('aftercall updates over HTTP', () => {
  it('stores and applies a second tags_updated six minutes later; only the same event again is a duplicate', async () => {
    const id = '9000000000000000101';
    const first = aftercall('tags_updated', id, '1700000100.1', '"tags":["callback"]');
    const second = aftercall('tags_updated', id, '1700000460.5', '"tags":["callback","billing"]');
    const key = SECRETS.RINGOVER_WEBHOOK_SECRET;
    expect((await post(engine.publicUrl, signRingoverJwt(first, { key }))).body).toMatchObject({ ok: true, duplicate: false });
    expect((await post(engine.publicUrl, signRingoverJwt(second, { key }))).body).toMatchObject({ ok: true, duplicate: false });
    const retry = await post(engine.publicUrl, signRingoverJwt(aftercall('tags_updated', id, '1700000460.5', '"tags":["callback","billing"]', 2), { key }));
    expect(retry).toMatchObject({ status: 200, body: { ok: true, duplicate: true } });

    const { call, events } = await callOf(`ringover-${id}`);
    expect(call.tags).toEqual(['callback', 'billing']);
    expect(events.map((e) => e.tags)).toEqual([['callback'], ['callback', 'billing']]);
  });

  it('applies comments_updated in the order they happened, whatever order they arrive in', async () => {
    const id = '9000000000000000202';
    const later = aftercall('comments_updated', id, '1700000460.5', '"channel_id":1,"tags":["billing"],"comments":"Refund sent"');
    const earlier = aftercall('comments_updated', id, '1700000100.1', '"channel_id":1,"tags":["callback"],"comments":"Wants a refund"');
    for (const body of [later, earlier]) expect((await post(engine.publicUrl, signRingoverHmac(body, SECRETS.RINGOVER_WEBHOOK_SECRET))).body).toMatchObject({ duplicate: false });
    expect((await callOf(`ringover-${id}`)).call).toMatchObject({ comments: 'Refund sent', tags: ['billing'] });
  });
});

describe('times in any unit over HTTP', () => {
  const INSTANT = '2024-03-05T10:15:00.250Z';

  it('stores signed Ringover and Ringyo events stamped in seconds, ms, µs, ns or ISO 8601 at 2024-03-05T10:15:00.250Z', async () => {
    const units = { s: '1709633700.25', ms: '1709633700250', us: '1709633700250000', ns: '1709633700250000000', iso: '"2024-03-05T10:15:00.250Z"' };
    for (const [unit, timestamp] of Object.entries(units)) {
      const ringover = `{"resource":"call","event":"ringing","timestamp":${timestamp},"attempt":1,"data":{"call_id":7100${unit.length}${unit.charCodeAt(0)}}}`;
      const ringyo = `{"event":"call.ringing","timestamp":${timestamp},"webhook_id":"wh_1","data":{"call_id":"ry-${unit}"}}`;
      const replies = [await post(engine.publicUrl, signRingoverHmac(ringover, SECRETS.RINGOVER_WEBHOOK_SECRET)), await post(engine.publicUrl, signRingyo(ringyo, SECRETS.RINGYO_WEBHOOK_SECRET))];
      expect({ unit, statuses: replies.map((r) => r.status) }).toEqual({ unit, statuses: [200, 200] });
      for (const id of [`ringover-7100${unit.length}${unit.charCodeAt(0)}`, `ringyo-ry-${unit}`]) expect({ unit, startedAt: (await callOf(id)).call.startedAt }).toEqual({ unit, startedAt: INSTANT });
    }
  });

  it('stores an event whose time cannot be read, dated when received, with a note saying so', async () => {
    const before = new Date().toISOString();
    const body = '{"event":"call.ringing","timestamp":"next monday","webhook_id":"wh_1","data":{"call_id":"ry-odd-time"}}';
    expect((await post(engine.publicUrl, signRingyo(body, SECRETS.RINGYO_WEBHOOK_SECRET))).status).toBe(200);
    const { events } = await callOf('ringyo-ry-odd-time');
    expect((events[0]!.occurredAt as string) >= before).toBe(true);
    expect(events[0]!.notes).toEqual(['timestamp "next monday" is not a time (not an ISO 8601 date): ignored', 'the event is dated when it was received']);
  });
});

describe("Ringotel's documented StopCallActivity over HTTP", () => {
  it('is an inbound call to 500, started and ended at its own times, 27 s, answered', async () => {
    const params = { extension: '500', call_end: 1729690638839, call_id: '1729693708182-2d1c3de3d3772cdc1f', call_duration: 27, connection_name: 'PBX', user_id: '17295348437628309790', connection_id: '17295345566567084859', activity_type: 'inbound', domain: 'example', call_cause: '0', call_start: 1729690611587, called_number: '500', caller_number: '353212028252' };
    expect((await post(engine.publicUrl, ringotelRequest('StopCallActivity', params, SECRETS.RINGOTEL_API_TOKEN))).status).toBe(200);
    expect((await callOf('ringotel-1729693708182-2d1c3de3d3772cdc1f')).call).toMatchObject({
      direction: 'inbound',
      from: { number: '353212028252' },
      to: { number: '500' },
      agent: { id: '17295348437628309790', extension: '500' },
      startedAt: '2024-10-23T13:36:51.587Z',
      endedAt: '2024-10-23T13:37:18.839Z',
      durationSeconds: 27,
      outcome: 'completed',
      hangupCause: '0',
    });
  });
});
