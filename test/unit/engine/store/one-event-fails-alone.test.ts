// A delivery that cannot be stored fails alone: the others of its group commit are stored and
// acknowledged. Failures are injected with SQLite triggers (the real store, a real failure).
import { describe, expect, it } from 'vitest';
import { applyBatch, type StampedDelivery } from '../../../../electron/engine/store/apply-batch.ts';
import { CallStore } from '../../../../electron/engine/store/call-store.ts';
import { openDatabase } from '../../../../electron/engine/store/database.ts';
import { EventNotStoredError } from '../../../../electron/engine/store/store-writer.ts';
import type { IncomingEvent } from '../../../../electron/engine/webhooks/types.ts';
import { openRealStore } from '../support/real-store.ts';

const stamped = (key: string, callNumber: string, second = 0): StampedDelivery => ({
  dedupeKey: key,
  storedBody: `{"key":"${key}"}`,
  event: {
    provider: 'ringover',
    providerCallId: callNumber,
    callId: `ringover-${callNumber}`,
    type: 'ringing',
    providerEvent: 'call.ringing',
    occurredAt: new Date(Date.UTC(2026, 0, 1, 9, 0, second)).toISOString(),
    receivedAt: new Date(Date.UTC(2026, 0, 1, 9, 0, second)).toISOString(),
  },
});

/** Makes SQLite refuse one event's insert, or one call's save, like a failing disk page would. */
const FAIL_EVENT = (key: string) =>
  `CREATE TRIGGER fail_event BEFORE INSERT ON events WHEN NEW.dedupe_key = '${key}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`;
const FAIL_CALL = (id: string) =>
  `CREATE TRIGGER fail_call BEFORE INSERT ON calls WHEN NEW.id = '${id}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END;`;

describe('applyBatch', () => {
  it('stores the rest of the batch when one delivery fails to store', () => {
    const store = new CallStore(openDatabase(':memory:'));
    store.db.exec(FAIL_EVENT('bad'));
    const results = applyBatch(store, [stamped('a', '1'), stamped('bad', '2'), stamped('c', '3')]);
    expect(results[1]).toEqual({ failed: expect.stringMatching(/injected failure/) });
    expect(results.filter(Array.isArray)).toHaveLength(2);
    expect(store.counts()).toEqual({ events: 2, calls: 2 });
    expect(store.getCall('ringover-2')).toBeUndefined();
  });

  it('undoes everything the failed delivery wrote, and later deliveries of its call fold onto what is stored', () => {
    const store = new CallStore(openDatabase(':memory:'));
    store.db.exec(FAIL_CALL('ringover-2'));
    const results = applyBatch(store, [stamped('a', '1'), stamped('b', '2'), stamped('c', '3')]);
    expect(results[1]).toEqual({ failed: expect.stringMatching(/injected failure/) });
    // The event row written before the call failed is gone with it: no orphan event.
    expect(store.counts()).toEqual({ events: 2, calls: 2 });
    expect(store.eventsFor('ringover-2')).toEqual([]);
    // Retried once the fault is gone, it is stored as new (nothing of it was kept).
    store.db.exec('DROP TRIGGER fail_call');
    const [retry] = applyBatch(store, [stamped('b', '2')]);
    expect(Array.isArray(retry)).toBe(true);
    expect(store.counts()).toEqual({ events: 3, calls: 3 });
  });

  it('keeps a provider\'s last-event time from stored deliveries only', () => {
    const store = new CallStore(openDatabase(':memory:'));
    store.db.exec(FAIL_EVENT('late'));
    applyBatch(store, [stamped('early', '1', 1), stamped('late', '2', 9)]);
    expect(store.lastEventAt('ringover')).toBe('2026-01-01T09:00:01.000Z');
  });
});

describe('the writer thread and ingest', () => {
  async function setup(trigger?: string) {
    const { store, calls } = await openRealStore({ ...(trigger && { setup: trigger }) });
    return { store, ingest: calls.ingest };
  }

  const incoming = (callNumber: string, extra: Partial<IncomingEvent> = {}): IncomingEvent => ({
    provider: 'ringover',
    providerCallId: callNumber,
    type: 'ringing',
    providerEvent: 'call.ringing',
    occurredAt: '2026-01-01T09:00:00.000Z',
    ...extra,
  });

  it('rejects only the delivery that failed, with a 503 that says retry; its batch mates are stored', async () => {
    const { ingest, store } = await setup(FAIL_EVENT('bad'));
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'bad', 'c', 'd'].map((key, i) => ingest.store({ dedupeKey: key, event: incoming(String(i)) })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const error = (outcomes[2] as PromiseRejectedResult).reason as EventNotStoredError;
    expect(error).toBeInstanceOf(EventNotStoredError);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/injected failure.*please retry/);
    expect(store.counts()).toEqual({ events: 4, calls: 4 });
  });

  it('fails an event that cannot even be copied to the writer thread alone, with a 400', async () => {
    const { ingest, store } = await setup();
    // Built here, past the parsers' depth limit: structured clone overflows its stack on it.
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const outcomes = await Promise.allSettled([
      ingest.store({ dedupeKey: 'a', event: incoming('1') }),
      ingest.store({ dedupeKey: 'deep', event: incoming('2', { detail: { tags: deep } }) }),
      ingest.store({ dedupeKey: 'c', event: incoming('3') }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(((outcomes[1] as PromiseRejectedResult).reason as EventNotStoredError).status).toBe(400);
    expect(store.counts()).toEqual({ events: 2, calls: 2 });
  });
});
