// The engine's own events on a call's timeline: one way to write them, stored in the background
// (the promise resolves once durable and never rejects), a fact named twice stored once, an id the
// engine did not make logged and dropped.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/engine/log.ts';
import { openRealStore } from '../support/real-store.ts';

describe('the timeline', () => {
  it('stores an entry on its call, once per fact when it names one', async () => {
    const { store, calls } = await openRealStore();
    await calls.timeline.record('ringover-5', { type: 'stream', providerEvent: 'stream.connected', onceKey: 'ringover-5:1' });
    await calls.timeline.record('ringover-5', { type: 'stream', providerEvent: 'stream.connected', onceKey: 'ringover-5:1' });
    await calls.timeline.record('ringover-5', { type: 'other', providerEvent: 'stream.dtmf', detail: { digit: '1' } });
    await calls.timeline.record('ringover-5', { type: 'other', providerEvent: 'stream.dtmf', detail: { digit: '1' } });
    expect(store.eventsFor('ringover-5').map((event) => event.providerEvent)).toEqual(['stream.connected', 'stream.dtmf', 'stream.dtmf']);
  });

  it('logs an entry for a call id the engine did not make, and resolves', async () => {
    const lines: string[] = [];
    const { store, calls } = await openRealStore({ logger: createLogger({ write: (line) => lines.push(line) }) });
    await expect(calls.timeline.record('not-a-call-id', { type: 'other', providerEvent: 'x' })).resolves.toBeUndefined();
    expect(lines.join('\n')).toContain('timeline entry for a call id Ringside did not make');
    expect(store.counts().events).toBe(0);
  });

  it('logs a store that refuses (the engine stopping), and resolves', async () => {
    const lines: string[] = [];
    const { calls } = await openRealStore({ logger: createLogger({ write: (line) => lines.push(line) }) });
    await calls.ingest.close();
    await expect(calls.timeline.record('ringover-6', { type: 'other', providerEvent: 'late' })).resolves.toBeUndefined();
    expect(lines.join('\n')).toContain('could not store a timeline event');
  });
});
