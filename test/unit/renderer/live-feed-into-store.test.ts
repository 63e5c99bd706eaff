// The live feed as the store keeps it: calls upserted, interim transcript lines replaced by their
// final version (the stored utterance event), peaks kept per call, an ended call lingering on the
// board, then gone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callOf } from './support/calls.ts';
import type { LiveMessage } from '../../../shared/api.ts';
import type { Utterance } from '../../../shared/call.ts';
import { applyLiveMessage } from '../../../renderer/src/store/actions.ts';
import { ENDED_LINGER_MS } from '../../../renderer/src/store/calls-slice.ts';
import { createStore } from '../../../renderer/src/store/index.ts';
import { mergeUtterance, TRANSCRIPT_KEPT } from '../../../renderer/src/store/live-slice.ts';
import { peakTrack } from '../../../renderer/src/store/peaks.ts';

const call = callOf;

const line = (id: string, text: string, final: boolean, startMs = 0): Utterance => ({ id, speaker: 'caller', text, final, startMs });

/** A final line as the feed carries it: its stored `utterance` event. */
const stored = (callId: string, utterance: Utterance): Extract<LiveMessage, { type: 'event.appended' }> => ({
  type: 'event.appended',
  event: {
    id: `e-${utterance.id}`,
    callId,
    provider: 'ringover',
    providerCallId: callId,
    type: 'utterance',
    providerEvent: `transcript.${utterance.speaker}`,
    occurredAt: '2026-11-23T10:00:00.000Z',
    receivedAt: '2026-11-23T10:00:00.000Z',
    detail: { utterance },
  },
});

let store: ReturnType<typeof createStore>;
beforeEach(() => {
  store = createStore();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('the live feed in the store', () => {
  it('upserts calls without mutating the previous map', () => {
    applyLiveMessage({ type: 'call.updated', call: call('a') }, store);
    const before = store.getState().calls;
    applyLiveMessage({ type: 'call.updated', call: call('a', { mode: 'human' }) }, store);
    expect(store.getState().calls.get('a')?.mode).toBe('human');
    expect(before.get('a')?.mode).toBeUndefined();
    expect(store.getState().calls).not.toBe(before);
  });

  it('replaces an interim line by its final version (the stored utterance) and keeps lines in time order', () => {
    applyLiveMessage({ type: 'transcript', callId: 'a', utterance: line('u2', 'Where is', false, 2000) }, store);
    applyLiveMessage(stored('a', line('u1', 'Hello', true, 500)), store);
    expect(store.getState().transcripts.get('a')!.map((l) => [l.id, l.text, l.final])).toEqual([
      ['u1', 'Hello', true],
      ['u2', 'Where is', false],
    ]);
    applyLiveMessage(stored('a', line('u2', 'Where is my order?', true, 2000)), store);
    expect(store.getState().transcripts.get('a')!.map((l) => [l.id, l.text, l.final])).toEqual([
      ['u1', 'Hello', true],
      ['u2', 'Where is my order?', true],
    ]);
  });

  it('takes nothing but utterances from stored events', () => {
    applyLiveMessage({ type: 'event.appended', event: { ...stored('a', line('u1', 'Hello', true)).event, type: 'turn', detail: { metrics: {} } } }, store);
    expect(store.getState().transcripts.has('a')).toBe(false);
  });

  it('drops a line that turned out to be noise (final and empty), and caps what it keeps', () => {
    expect(mergeUtterance([line('n', '', false)], line('n', '', true))).toEqual([]);
    let lines: Utterance[] = [];
    for (let i = 0; i < TRANSCRIPT_KEPT + 20; i++) lines = mergeUtterance(lines, line(`l${i}`, `line ${i}`, true, i));
    expect(lines).toHaveLength(TRANSCRIPT_KEPT);
    expect(lines.at(-1)!.text).toBe(`line ${TRANSCRIPT_KEPT + 19}`);
  });

  it('keeps peaks per call and bumps the call’s version', () => {
    applyLiveMessage({ type: 'audio.peaks', calls: [{ callId: 'p', startMs: 0, caller: [50, 100], agent: [0, 25] }] }, store);
    applyLiveMessage({ type: 'audio.peaks', calls: [{ callId: 'p', startMs: 40, caller: [10], agent: [10] }] }, store);
    expect(store.getState().peaksVersion.get('p')).toBe(2);
    const [caller, agent] = peakTrack('p')!.last(4);
    expect([...caller].map((v) => Math.round(v * 100))).toEqual([0, 50, 100, 10]);
    expect([...agent].map((v) => Math.round(v * 100))).toEqual([0, 0, 25, 10]);
  });

  it('keeps an ended call on the board for a moment, then forgets it', () => {
    applyLiveMessage({ type: 'call.updated', call: call('e') }, store);
    applyLiveMessage(stored('e', line('x', 'Bye', true)), store);
    applyLiveMessage({ type: 'call.updated', call: call('e', { state: 'ended' }) }, store);
    expect(store.getState().calls.get('e')?.state).toBe('ended');
    vi.advanceTimersByTime(ENDED_LINGER_MS + 10);
    expect(store.getState().calls.has('e')).toBe(false);
    expect(store.getState().transcripts.has('e')).toBe(false);
  });

  it('does not bring back to the board a call that ended long ago (a late summary)', () => {
    applyLiveMessage({ type: 'call.updated', call: call('old', { state: 'ended', summary: 'Late summary' }) }, store);
    expect(store.getState().calls.has('old')).toBe(false);
  });
});
