import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../../shared/api.ts';
import { createEventRelay, MAX_QUEUED, openingPeaks } from '../../../electron/main/event-relay.ts';

const update = (id: string, state = 'ringing') => ({ type: 'call.updated', call: { id, state } }) as unknown as LiveMessage;
const appended = (n: number) => ({ type: 'event.appended', event: { seq: n } }) as unknown as LiveMessage;
const peaks = { type: 'audio.peaks', calls: [] } as LiveMessage;

describe('the event relay', () => {
  it('holds updates until ready, keeping only each call’s latest state and no stale peaks', () => {
    const sent: LiveMessage[] = [];
    const relay = createEventRelay((m) => sent.push(m));
    relay.push(update('a'));
    relay.push(appended(1));
    relay.push(peaks);
    relay.push(update('a', 'in-progress'));
    relay.push(update('b'));
    expect(sent).toEqual([]);
    relay.ready();
    expect(sent).toEqual([update('a', 'in-progress'), update('b'), appended(1)]);
    relay.push(peaks);
    expect(sent.at(-1)).toEqual(peaks);
  });

  it('starts a page that becomes ready with the recent peaks, after what waited', () => {
    const sent: LiveMessage[] = [];
    const recent = { type: 'audio.peaks', calls: [{ callId: 'a', startMs: 0, caller: [3], agent: [0] }] } as LiveMessage;
    // The engine's feed: the live calls, then its opening (recent peaks), to each new subscriber.
    const feed = { subscribe: (listener: (m: LiveMessage) => void) => (listener(update('a', 'in-progress')), listener(recent), () => undefined) };
    const relay = createEventRelay((m) => sent.push(m), () => openingPeaks(feed));
    relay.push(update('a'));
    relay.ready();
    expect(sent).toEqual([update('a'), recent]);
    relay.ready(); // already ready: nothing again
    expect(sent).toHaveLength(2);
  });

  it('queues again after the page goes away, and bounds the queue', () => {
    const sent: LiveMessage[] = [];
    const relay = createEventRelay((m) => sent.push(m));
    relay.ready();
    relay.notReady();
    for (let i = 0; i < MAX_QUEUED + 50; i++) relay.push(appended(i));
    expect(relay.queued).toBe(MAX_QUEUED);
    relay.ready();
    expect(sent).toHaveLength(MAX_QUEUED);
    expect(sent[0]).toEqual(appended(50));
  });
});
