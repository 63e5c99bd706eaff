import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../../shared/api.ts';
import { createEventRelay, MAX_QUEUED } from '../../../electron/main/event-relay.ts';

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
