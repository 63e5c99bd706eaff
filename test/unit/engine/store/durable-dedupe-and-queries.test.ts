// The store: a redelivered event is stored once (also within one group commit), calls are listed
// newest first with a cursor that loses nothing, found by number, name or id, and each provider's
// last delivery is remembered. Events come in through ingest, as in the engine.
// Run against both backends: SQLite (one engine) and PostgreSQL (several).
import { expect, it } from 'vitest';
import { describeEachBackend } from '../support/each-backend.ts';
import { incoming, openBackend } from '../support/real-store.ts';

describeEachBackend('the call store', (backend) => {
  /** The store's reads, and ingest: its `store(...)` resolves once the delivery is durable. */
  async function setup() {
    const { reads, calls } = await openBackend(backend);
    return { store: reads, ingest: calls.ingest };
  }

  it('stores a redelivered event once and answers duplicate', async () => {
    const { ingest, store } = await setup();
    const first = await ingest.store({ dedupeKey: 'call:ringing:1', event: incoming('1', 'ringing', 0), storedBody: '{"a":1}' });
    const again = await ingest.store({ dedupeKey: 'call:ringing:1', event: incoming('1', 'ringing', 0), storedBody: '{"a":1,"attempt":2}' });
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ duplicate: true });
    expect(await store.counts()).toEqual({ events: 1, calls: 1 });
    expect(await store.rawBodyOf(first.event!.id)).toBe('{"a":1}');
  });

  it('dedupes concurrent deliveries that land in the same group commit', async () => {
    const { ingest, store } = await setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ingest.store({ dedupeKey: `k${i % 5}`, event: incoming(String(i % 5), 'ringing', i) })),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(5);
    expect(await store.counts()).toEqual({ events: 5, calls: 5 });
  });

  it('keeps events that belong to no call out of the call list', async () => {
    const { ingest, store } = await setup();
    await ingest.store({ dedupeKey: 'sms-1', event: { ...incoming('x', 'sms', 0), providerCallId: undefined } });
    expect(await store.counts()).toEqual({ events: 1, calls: 0 });
  });

  it('lists calls newest first, by state, with a cursor that loses nothing', async () => {
    const { ingest, store } = await setup();
    for (let i = 0; i < 7; i++) await ingest.store({ dedupeKey: `r${i}`, event: incoming(String(i), 'ringing', 10) });
    await ingest.store({ dedupeKey: 'end3', event: incoming('3', 'ended', 20) });
    const seen: string[] = [];
    let page = await store.listCalls({ limit: 3 });
    seen.push(...page.calls.map((c) => c.id));
    while (page.nextBefore) {
      page = await store.listCalls({ limit: 3, before: page.nextBefore });
      seen.push(...page.calls.map((c) => c.id));
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect((await store.listCalls({ state: 'ended' })).calls.map((c) => c.id)).toEqual(['ringover-3']);
    expect((await store.listCalls({ state: 'live' })).calls).toHaveLength(6);
    expect((await store.listCalls({ before: '2026-11-23T10:00:10.000Z' })).calls).toHaveLength(0);
  });

  it('finds calls by number as typed, by digits, by national number, by name and by provider id', async () => {
    const { ingest, store } = await setup();
    await ingest.store({
      dedupeKey: 'x',
      event: incoming('1234567890987654321', 'ringing', 0, { from: { number: '+33 6 12 34 56 78', name: 'Claire Dubois' } }),
    });
    await ingest.store({ dedupeKey: 'y', event: incoming('2', 'ringing', 0, { from: { number: '+44 20 7946 0000' } }) });
    const ids = async (q: string) => (await store.listCalls({ q })).calls.map((c) => c.providerCallId);
    expect(await ids('612345678')).toEqual(['1234567890987654321']);
    expect(await ids('06 12 34 56 78')).toEqual(['1234567890987654321']);
    expect(await ids('claire')).toEqual(['1234567890987654321']);
    expect(await ids('1234567890987654321')).toEqual(['1234567890987654321']);
    expect(await ids('7946')).toEqual(['2']);
    expect(await ids('100%')).toEqual([]);
  });

  it('finds calls by their aftercall tags and comments', async () => {
    const { ingest, store } = await setup();
    await ingest.store({ dedupeKey: 't', event: incoming('7', 'other', 0, { tags: ['callback', 'billing'] }) });
    await ingest.store({ dedupeKey: 'c', event: incoming('8', 'other', 0, { comments: 'Wants a refund' }) });
    const ids = async (q: string) => (await store.listCalls({ q })).calls.map((c) => c.providerCallId);
    expect(await ids('billing')).toEqual(['7']);
    expect(await ids('refund')).toEqual(['8']);
  });

  it('remembers when each provider last delivered', async () => {
    const { ingest, store } = await setup();
    expect(await store.lastEventAt('ringover')).toBeUndefined();
    await ingest.store({ dedupeKey: 'a', event: incoming('1', 'ringing', 0), receivedAt: '2026-11-23T10:00:05.000Z' });
    await ingest.store({ dedupeKey: 'b', event: incoming('1', 'answered', 1), receivedAt: '2026-11-23T10:00:09.000Z' });
    expect(await store.lastEventAt('ringover')).toBe('2026-11-23T10:00:09.000Z');
    expect(await store.lastEventAt('ringg')).toBeUndefined();
  });

  it('rejects a malformed cursor with a 400 that says what it accepts', async () => {
    const { store } = await setup();
    await expect(store.listCalls({ before: 'yesterday' })).rejects.toThrow(/ISO date, epoch milliseconds or a nextBefore cursor/);
  });
});
