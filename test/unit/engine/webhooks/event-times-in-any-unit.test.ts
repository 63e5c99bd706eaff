// Providers write times in seconds (with a fraction), milliseconds, microseconds, nanoseconds or
// ISO 8601 text: every one reads as the same instant, and what cannot be read dates the event
// when it was received, with a note, and never fails the delivery.
import { describe, expect, it } from 'vitest';
import { readSeconds, readTime, TimeReader } from '../../../../electron/engine/webhooks/event-times.ts';
import { createRingotelProvider } from '../../../../electron/engine/webhooks/ringotel.ts';
import { createRingoverProvider } from '../../../../electron/engine/webhooks/ringover.ts';
import { createRingyoProvider } from '../../../../electron/engine/webhooks/ringyo.ts';
import { createRinggProvider } from '../../../../electron/engine/webhooks/ringg.ts';
import type { AcceptedDelivery, DeliveryVerdict } from '../../../../electron/engine/webhooks/types.ts';
import { toWebhookRequest } from '../../../fakes/requests.ts';
import { ringgRequest, ringotelRequest, signRingoverHmac, signRingyo } from '../../../fakes/webhook-signers.ts';

const INSTANT = '2024-03-05T10:15:00.250Z';

/** The same instant as each provider might write it, as JSON text. */
const WRITTEN: [string, string][] = [
  ['seconds with a fraction', '1709633700.25'],
  ['seconds with a fraction, as a string', '"1709633700.250"'],
  ['milliseconds', '1709633700250'],
  ['microseconds', '1709633700250000'],
  ['nanoseconds', '1709633700250000000'],
  ['nanoseconds, as a string', '"1709633700250000000"'],
  ['ISO 8601 in UTC', '"2024-03-05T10:15:00.250Z"'],
  ['ISO 8601 with microseconds', '"2024-03-05T10:15:00.250999Z"'],
  ['ISO 8601 with an offset', '"2024-03-05T11:15:00.250+01:00"'],
  ['RFC 3339 with a space and an offset without colon', '"2024-03-05 05:15:00.25-0500"'],
  ['an exponent', '1.70963370025e9'],
];

function accepted(verdict: DeliveryVerdict): AcceptedDelivery {
  if (!verdict.ok) throw new Error(`rejected ${verdict.status}: ${verdict.error}`);
  return verdict;
}

describe('reading a provider time', () => {
  it.each(WRITTEN)('reads %s (%s) as 2024-03-05T10:15:00.250Z', (_unit, json) => {
    expect(readTime(JSON.parse(json))).toEqual({ iso: INSTANT });
  });

  it('truncates to the millisecond on the digits, as an ISO time is', () => {
    expect(readTime('1709633700250999999')).toEqual({ iso: INSTANT });
    expect(readTime('1709633700.2509')).toEqual({ iso: INSTANT });
    expect(readTime('2024-03-05T10:15:00.2509Z')).toEqual({ iso: INSTANT });
  });

  it('reads a time without a zone as UTC, and says so', () => {
    expect(readTime('2024-03-05T10:15:00.250')).toEqual({ iso: INSTANT, note: 'no time zone: read as UTC' });
    expect(readTime('2024-03-05')).toMatchObject({ iso: '2024-03-05T00:00:00.000Z' });
  });

  it.each([['yesterday'], [0], [-5], ['2024-02-30T10:00:00Z'], ['1'.repeat(21)], [true], [[1709633700]], [{ at: 1 }], [Number.NaN]])(
    'says why %j is not a time',
    (value) => {
      expect(readTime(value)).toMatchObject({ problem: expect.any(String) });
    },
  );

  it('sees no time in nothing', () => {
    for (const nothing of [undefined, null, '', '  ']) expect(readTime(nothing)).toBeUndefined();
  });

  it('reads lengths of time as seconds', () => {
    for (const [value, seconds] of [[27, 27], ['27', 27], ['19.3', 19.3], ['30s', 30], ['1m30s', 90], ['01:02:03', 3723], ['02:03', 123]] as const) {
      expect(readSeconds(value)).toEqual({ seconds });
    }
    expect(readSeconds('soon')).toMatchObject({ problem: expect.any(String) });
  });

  it('dates an event with an unreadable time when it was received, and notes why', () => {
    const received = new Date('2026-11-23T10:00:00.000Z');
    const times = new TimeReader(() => received);
    expect(times.eventTime([['timestamp', 'yesterday']])).toBe(received.toISOString());
    expect(times.notes).toEqual(['timestamp "yesterday" is not a time (not an ISO 8601 date): ignored', 'the event is dated when it was received']);
  });
});

describe('every provider reads every time field in any unit', () => {
  const ringover = createRingoverProvider({ secret: 'ro-secret' });
  const ringyo = createRingyoProvider('ry-secret');
  const ringotel = createRingotelProvider('rt-token');
  const ringg = createRinggProvider('Authorization', 'Bearer rg');

  it.each(WRITTEN)('Ringover: timestamp and data times in %s', (_unit, json) => {
    const body = `{"resource":"call","event":"hangup","timestamp":${json},"attempt":1,"data":{"call_id":9000000000000000101,"start_time":${json},"hangup_time":${json}}}`;
    const { event } = accepted(ringover.accept(toWebhookRequest(signRingoverHmac(body, 'ro-secret'))));
    expect(event).toMatchObject({ occurredAt: INSTANT, callTimes: { startedAt: INSTANT, endedAt: INSTANT } });
    expect(event.notes).toBeUndefined();
  });

  it.each(WRITTEN)('Ringyo: timestamp in %s', (_unit, json) => {
    const body = `{"event":"call.answered","timestamp":${json},"webhook_id":"wh_1","data":{"call_id":"c-1","answered_at":${json}}}`;
    expect(accepted(ringyo.accept(toWebhookRequest(signRingyo(body, 'ry-secret')))).event).toMatchObject({ occurredAt: INSTANT, callTimes: { answeredAt: INSTANT } });
  });

  it.each(WRITTEN)('Ringotel: call_start and call_end in %s', (_unit, json) => {
    const value = JSON.parse(json) as unknown;
    const { event } = accepted(ringotel.accept(toWebhookRequest(ringotelRequest('StopCallActivity', { call_id: 'rt-1', call_start: value, call_end: value }, 'rt-token'))));
    expect(event).toMatchObject({ occurredAt: INSTANT, callTimes: { startedAt: INSTANT, endedAt: INSTANT } });
  });

  it.each(WRITTEN)('Ringg: called_on in %s', (_unit, json) => {
    const { event } = accepted(ringg.accept(toWebhookRequest(ringgRequest({ event_type: 'call_started', call_id: 'rg-1', called_on: JSON.parse(json) }, 'Bearer rg'))));
    expect(event).toMatchObject({ occurredAt: INSTANT, callTimes: { startedAt: INSTANT } });
  });

  it('keeps every digit of a bare nanosecond time past 2^53 (read from the JSON text, not a double)', () => {
    const body = '{"resource":"call","event":"ringing","timestamp":1709633700250999999,"attempt":1,"data":{"call_id":42}}';
    expect(accepted(ringover.accept(toWebhookRequest(signRingoverHmac(body, 'ro-secret')))).event.occurredAt).toBe(INSTANT);
  });

  it('stores an event whose time cannot be read, dated when received, with a note', () => {
    const before = new Date().toISOString();
    const body = '{"resource":"call","event":"ringing","timestamp":"last tuesday","attempt":1,"data":{"call_id":42}}';
    const { event } = accepted(ringover.accept(toWebhookRequest(signRingoverHmac(body, 'ro-secret'))));
    expect(event.occurredAt >= before).toBe(true);
    expect(event.notes).toEqual(['timestamp "last tuesday" is not a time (not an ISO 8601 date): ignored', 'the event is dated when it was received']);
  });
});
