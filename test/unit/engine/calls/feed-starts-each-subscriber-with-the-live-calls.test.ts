// The live feed: each new subscriber first gets the live calls as every view shows them (so no
// consumer reads the live calls itself), then the openings (recent peaks), then every message; a stored event goes out before its
// call's update, a duplicate not at all; a listener that throws harms no other.
import { describe, expect, it } from 'vitest';
import type { LiveMessage } from '../../../../shared/api.ts';
import { createLogger } from '../../../../electron/engine/log.ts';
import { incoming, openRealStore } from '../support/real-store.ts';

const shown = (message: LiveMessage) => (message.type === 'call.updated' ? `${message.type} ${message.call.id} ${message.call.mode ?? ''}`.trim() : message.type);

describe('the live feed', () => {
  it('starts each new subscriber with the live calls, as every view shows them, then carries on', async () => {
    const { calls } = await openRealStore();
    calls.live.addOverlay((call) => ({ ...call, mode: 'bot' }));
    await calls.ingest.store({ dedupeKey: 'a', event: incoming('1', 'answered', 0) });
    await calls.ingest.store({ dedupeKey: 'b', event: incoming('2', 'ended', 0) });
    const messages: LiveMessage[] = [];
    const unsubscribe = calls.feed.subscribe((message) => messages.push(message));
    expect(messages.map(shown)).toEqual(['call.updated ringover-1 bot']);
    calls.feed.publish({ type: 'audio.peaks', calls: [] });
    unsubscribe();
    calls.feed.publish({ type: 'audio.peaks', calls: [] });
    expect(messages.map(shown)).toEqual(['call.updated ringover-1 bot', 'audio.peaks']);
  });

  it('gives each new subscriber the openings (recent waveform peaks) right after the live calls', async () => {
    const { calls } = await openRealStore();
    await calls.ingest.store({ dedupeKey: 'a', event: incoming('1', 'answered', 0) });
    let recent: LiveMessage | undefined;
    calls.feed.addOpening(() => recent);
    const first: LiveMessage[] = [];
    calls.feed.subscribe((message) => first.push(message));
    expect(first.map(shown)).toEqual(['call.updated ringover-1']); // nothing to open with: nothing sent
    recent = { type: 'audio.peaks', calls: [{ callId: 'ringover-1', startMs: 0, caller: [1], agent: [0] }] };
    const second: LiveMessage[] = [];
    calls.feed.subscribe((message) => second.push(message));
    calls.feed.publish({ type: 'audio.peaks', calls: [] });
    expect(second).toEqual([{ type: 'call.updated', call: expect.objectContaining({ id: 'ringover-1' }) }, recent, { type: 'audio.peaks', calls: [] }]);
    expect(first.map(shown)).toEqual(['call.updated ringover-1', 'audio.peaks']); // an opening goes to its new subscriber only
  });

  it('carries a stored event, then its call, and nothing for a duplicate', async () => {
    const { calls } = await openRealStore();
    const messages: string[] = [];
    calls.feed.subscribe((m) => messages.push(m.type));
    await calls.ingest.store({ dedupeKey: 'a', event: incoming('9', 'ringing', 0) });
    await calls.ingest.store({ dedupeKey: 'a', event: incoming('9', 'ringing', 0) });
    expect(messages).toEqual(['event.appended', 'call.updated']);
  });

  it('publishes a call’s current view when what only memory knows changed', async () => {
    const { calls } = await openRealStore();
    let mode: 'bot' | 'human' = 'bot';
    calls.live.addOverlay((call) => ({ ...call, mode }));
    await calls.ingest.store({ dedupeKey: 'a', event: incoming('1', 'answered', 0) });
    const messages: LiveMessage[] = [];
    calls.feed.subscribe((message) => messages.push(message));
    mode = 'human';
    calls.feed.publishCall('ringover-1');
    calls.feed.publishCall('ringover-unknown');
    expect(messages.map(shown)).toEqual(['call.updated ringover-1 bot', 'call.updated ringover-1 human']);
  });

  it('logs a listener that throws, and still reaches the others', async () => {
    const lines: string[] = [];
    const { calls } = await openRealStore({ logger: createLogger({ write: (line) => lines.push(line) }) });
    const reached: string[] = [];
    calls.feed.subscribe(() => {
      throw new Error('broken listener');
    });
    calls.feed.subscribe((message) => reached.push(message.type));
    calls.feed.publish({ type: 'audio.peaks', calls: [] });
    expect(reached).toEqual(['audio.peaks']);
    expect(lines.join('\n')).toContain('live listener failed');
  });
});
