// Reconciliation with Ringover's call log: of a scripted log of 130 calls (two pages) where three
// calls' webhooks arrived (one of them without its hang-up), a back-fill creates exactly the 127
// missing calls, completes the one whose end never arrived, marks what it added as coming from the
// API, and a second pass stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, CallEvent } from '../../shared/call.ts';
import { patient } from '../support/patience.ts';
import { ringoverBody, signRingoverHmac } from '../fakes/webhook-signers.ts';
import { consoleGet, consolePost, post, SECRETS } from './support/engine.ts';
import { startRingoverRig, waitFor } from './support/ringover-engine.ts';

let rig: Awaited<ReturnType<typeof startRingoverRig>>;
const DAY = '2025-03-04';
const at = (minute: number) => new Date(Date.parse(`${DAY}T08:00:00Z`) + minute * 60_000).toISOString();

function logCall(i: number): Record<string, unknown> {
  const missed = i % 10 === 0;
  return {
    cdr_id: 5000 + i,
    call_id: String(7_000_000_000_000_000_000n + BigInt(i)),
    direction: 'in',
    last_state: missed ? 'MISSED' : 'ANSWERED',
    is_answered: !missed,
    start_time: at(i),
    answered_time: missed ? null : at(i + 0.25),
    end_time: at(i + 2),
    incall_duration: missed ? 0 : 105,
    from_number: 33600000000 + i,
    to_number: 33100000001,
    record: missed ? null : `https://cdn.ringover.example/rec/${i}.mp3`,
    user: missed ? null : { user_id: 42, concat_name: 'Chloé Agent' },
  };
}

beforeAll(async () => {
  rig = await startRingoverRig();
  rig.fake.calls = Array.from({ length: 130 }, (_, i) => logCall(i));
  // Calls 1 and 2 arrived whole; call 3 rang, and its hang-up never came.
  const send = (event: string, i: number) =>
    post(rig.engine.publicUrl, signRingoverHmac(ringoverBody(event, String(7_000_000_000_000_000_000n + BigInt(i)), { from_number: String(33600000000 + i), direction: 'in', start_time: Date.parse(at(i)) / 1000, record: i === 3 ? undefined : `https://cdn.ringover.example/rec/${i}.mp3`, user_id: 42 }), SECRETS.RINGOVER_WEBHOOK_SECRET));
  for (const i of [1, 2]) {
    await send('ringing', i);
    await send('hangup', i);
  }
  await send('ringing', 3);
});

afterAll(() => rig.stop());

const ringoverCalls = async (): Promise<Call[]> => {
  const calls: Call[] = [];
  let before: string | undefined;
  for (;;) {
    const { body } = await consoleGet(rig.engine, `/api/calls?state=ended&limit=500&after=${DAY}T00:00:00Z${before ? `&before=${encodeURIComponent(before)}` : ''}`);
    calls.push(...(body.calls as Call[]));
    before = body.nextBefore as string | undefined;
    if (!before) return calls;
  }
};

describe('reconciliation with the call log', () => {
  it('creates exactly the missing calls and completes the one whose end never arrived', async () => {
    const { status, body } = await consolePost(rig.engine, '/api/ringover/backfill', { from: `${DAY}T00:00:00Z`, to: `${DAY}T23:59:59Z` });
    expect(status).toBe(200);
    expect(body).toMatchObject({ seen: 130, created: 127, completed: 1 });
    const calls = await waitFor(async () => {
      const list = await ringoverCalls();
      return list.length >= 130 ? list : undefined;
    }, patient(5000), '130 ended calls');
    expect(calls).toHaveLength(130);
    expect(new Set(calls.map((c) => c.providerCallId)).size).toBe(130);
    // Paged as the API pages: two requests of 100.
    expect(rig.fake.requests.filter((r) => r.path === '/calls').map((r) => r.query.limit_offset)).toEqual(['0', '100']);

    const id = (i: number) => `ringover-${7_000_000_000_000_000_000n + BigInt(i)}`;
    const third = (await consoleGet(rig.engine, `/api/calls/${id(3)}`)).body as { call: Call; events: CallEvent[] };
    expect(third.call).toMatchObject({ state: 'ended', outcome: 'completed', recordingUrl: 'https://cdn.ringover.example/rec/3.mp3' });
    expect(third.events.map((e) => e.providerEvent)).toEqual(['call.ringing', 'api.calls']);
    expect(third.events[1]!.detail).toMatchObject({ source: 'ringover-api' });

    const missed = (await consoleGet(rig.engine, `/api/calls/${id(10)}`)).body as { call: Call; events: CallEvent[] };
    expect(missed.call).toMatchObject({ state: 'ended', outcome: 'missed', from: { number: '33600000010' } });
    expect(missed.events).toHaveLength(1);

    // The calls that arrived whole got nothing from the log.
    for (const i of [1, 2]) {
      const whole = (await consoleGet(rig.engine, `/api/calls/${id(i)}`)).body as { events: CallEvent[] };
      expect(whole.events.map((e) => e.providerEvent)).toEqual(['call.ringing', 'call.hangup']);
    }
  });

  it('stores nothing on a second pass', async () => {
    const { body } = await consolePost(rig.engine, '/api/ringover/backfill', { from: `${DAY}T00:00:00Z`, to: `${DAY}T23:59:59Z` });
    expect(body).toMatchObject({ seen: 130, created: 0, completed: 0 });
    expect(await ringoverCalls()).toHaveLength(130);
  });

  it('refuses a range past 31 days', async () => {
    const { status, body } = await consolePost(rig.engine, '/api/ringover/backfill', { from: '2025-01-01T00:00:00Z', to: '2025-03-01T00:00:00Z' });
    expect(status).toBe(400);
    expect(body.error).toContain('31 days');
  });
});
