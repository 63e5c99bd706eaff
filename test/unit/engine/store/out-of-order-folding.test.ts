import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallEvent, CallEventType } from '../../../../shared/call.ts';
import { foldEvent } from '../../../../electron/engine/store/fold.ts';

const at = (second: number) => new Date(Date.UTC(2026, 10, 23, 10, 0, second)).toISOString();

function event(type: CallEventType, second: number, extra: Partial<CallEvent> = {}): CallEvent {
  return {
    id: `${type}-${second}`,
    callId: 'ringover-1',
    provider: 'ringover',
    providerCallId: '1',
    type,
    providerEvent: type,
    occurredAt: at(second),
    receivedAt: at(second + 1),
    from: { number: '33612345678' },
    ...extra,
  };
}

const foldAll = (events: CallEvent[]) => events.reduce((call, e) => foldEvent(call, e), undefined as ReturnType<typeof foldEvent> | undefined)!;

describe('folding events into a call', () => {
  it('follows ringing → answered → hangup', () => {
    const call = foldAll([event('ringing', 0), event('answered', 5), event('ended', 65)]);
    expect(call).toMatchObject({ state: 'ended', outcome: 'completed', startedAt: at(0), answeredAt: at(5), endedAt: at(65), durationSeconds: 60, eventCount: 3 });
  });

  it('never lets a late answered reopen an ended call', () => {
    const call = foldAll([event('ringing', 0), event('ended', 65), event('answered', 5)]);
    expect(call.state).toBe('ended');
    expect(call.outcome).toBe('completed');
    expect(call.answeredAt).toBe(at(5));
  });

  it('ends a call whose hangup comes before (or without) its answer', () => {
    expect(foldAll([event('ended', 30)])).toMatchObject({ state: 'ended', outcome: 'unanswered' });
    expect(foldAll([event('ended', 30), event('ringing', 0)])).toMatchObject({ state: 'ended', startedAt: at(0), durationSeconds: 30 });
  });

  it('derives the answer time from a reported duration', () => {
    const call = foldAll([event('ringing', 0), event('ended', 70, { durationSeconds: 60 })]);
    expect(call).toMatchObject({ outcome: 'completed', answeredAt: at(10), durationSeconds: 60 });
  });

  it('prefers the most specific ending: voicemail over missed over hangup', () => {
    expect(foldAll([event('ended', 20), event('missed', 20), event('voicemail', 25)]).outcome).toBe('voicemail');
    expect(foldAll([event('missed', 20), event('ended', 20)]).outcome).toBe('missed');
  });

  it('fills recording, summary and parties from whichever event carries them', () => {
    const call = foldAll([
      event('recording', 90, { links: { recordingUrl: 'https://r.test/1.mp3' } }),
      event('summary', 95, { summary: 'Asked for a refund' }),
      event('ringing', 0, { to: { number: '33187654321' }, direction: 'inbound' }),
    ]);
    expect(call).toMatchObject({ recordingUrl: 'https://r.test/1.mp3', summary: 'Asked for a refund', direction: 'inbound', to: { number: '33187654321' } });
  });

  it('gives the same state, outcome and times for every delivery order', () => {
    const kinds: CallEventType[] = ['ringing', 'answered', 'ended', 'missed', 'voicemail', 'recording', 'summary', 'transferred', 'ivr'];
    const events = fc.uniqueArray(
      fc.record({ type: fc.constantFrom(...kinds), second: fc.integer({ min: 0, max: 600 }), duration: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }) }),
      { minLength: 1, maxLength: 8, selector: (e) => `${e.type}-${e.second}` },
    );
    const orders = events.chain((specs) =>
      fc.tuple(fc.constant(specs), fc.shuffledSubarray(specs, { minLength: specs.length, maxLength: specs.length })),
    );
    const toEvents = (specs: { type: CallEventType; second: number; duration: number | undefined }[]) =>
      specs.map((s) => event(s.type, s.second, s.duration ? { durationSeconds: s.duration } : {}));
    const essentials = ({ state, outcome, startedAt, answeredAt, endedAt, durationSeconds, eventCount }: ReturnType<typeof foldAll>) => ({
      state, outcome, startedAt, answeredAt, endedAt, durationSeconds, eventCount,
    });
    fc.assert(
      fc.property(orders, ([inOrder, shuffled]) => {
        expect(essentials(foldAll(toEvents(shuffled)))).toEqual(essentials(foldAll(toEvents(inOrder))));
      }),
      { numRuns: 500 },
    );
  });
});
