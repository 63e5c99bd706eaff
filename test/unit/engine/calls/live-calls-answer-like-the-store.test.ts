// The live calls, held in memory: kept while live, forgotten once ended, shown with what only memory
// knows (overlays), and listed exactly as the store lists them, search and cursor included.
import { describe, expect, it } from 'vitest';
import { LiveCalls } from '../../../../electron/engine/calls/live-calls.ts';
import { incoming, openRealStore } from '../support/real-store.ts';

describe('the live calls', () => {
  it('list live calls from memory exactly as the store would, search and cursor included', async () => {
    const { store, calls } = await openRealStore();
    for (let i = 0; i < 9; i++) {
      await calls.ingest.store({ dedupeKey: `r${i}`, event: incoming(String(i), 'ringing', i % 3, { from: { number: `+33 6 00 00 00 0${i}` } }) });
    }
    await calls.ingest.store({ dedupeKey: 'end4', event: incoming('4', 'ended', 30) });
    for (const query of [{}, { q: '0600000003' }, { q: '+33 6' }, { limit: 4 }, { limit: 2, before: '2026-11-23T10:00:02.000Z' }]) {
      const fromStore = store.listCalls({ ...query, state: 'live' });
      expect(calls.live.query(query), JSON.stringify(query)).toEqual(fromStore);
    }
    let cursor = calls.live.query({ limit: 3 });
    const seen = cursor.calls.map((c) => c.id);
    while (cursor.nextBefore) {
      cursor = calls.live.query({ limit: 3, before: cursor.nextBefore });
      seen.push(...cursor.calls.map((c) => c.id));
    }
    expect(seen).toHaveLength(8);
    expect(seen).not.toContain('ringover-4');
  });

  it('keep a call while live, forget it once ended, and still find it in the store', async () => {
    const { calls } = await openRealStore();
    await calls.ingest.store({ dedupeKey: 'a', event: incoming('1', 'answered', 0) });
    expect(calls.live.list().map((call) => call.id)).toEqual(['ringover-1']);
    expect(calls.live.count).toBe(1);
    await calls.ingest.store({ dedupeKey: 'b', event: incoming('1', 'ended', 9) });
    expect(calls.live.count).toBe(0);
    expect(calls.live.get('ringover-1')).toMatchObject({ state: 'ended' });
    expect(calls.live.get('ringover-none')).toBeUndefined();
  });

  it('start with the calls the store says are live', async () => {
    const { reads, calls } = await openRealStore();
    await calls.ingest.store({ dedupeKey: 'a', event: incoming('1', 'answered', 0, { occurredAt: new Date().toISOString() }) });
    expect((await new LiveCalls(reads).load()).list().map((call) => call.id)).toEqual(['ringover-1']);
  });

  it('show every call with what only memory knows, live or from the store', async () => {
    const { calls } = await openRealStore();
    calls.live.addOverlay((call) => (call.id === 'ringover-1' ? { ...call, mode: 'human' } : call));
    await calls.ingest.store({ dedupeKey: 'a', event: incoming('1', 'answered', 0) });
    expect(calls.live.list()[0]).toMatchObject({ id: 'ringover-1', mode: 'human' });
    await calls.ingest.store({ dedupeKey: 'b', event: incoming('1', 'ended', 5) });
    expect(calls.live.get('ringover-1')).toMatchObject({ state: 'ended', mode: 'human' });
  });
});
