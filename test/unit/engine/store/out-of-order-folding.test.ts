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

  it('never derives an answer before the start it observed (a transferred call of 58 s is not shown as 1:36)', () => {
    const call = foldAll([event('ringing', 0), event('ended', 58, { durationSeconds: 96 })]);
    expect(call).toMatchObject({ startedAt: at(0), answeredAt: at(0), endedAt: at(58), durationSeconds: 58, totalSeconds: 58, ringingSeconds: 0 });
    // In the other order too, and once the start is only known from the hang-up's own report.
    expect(foldAll([event('ended', 58, { durationSeconds: 96 }), event('ringing', 0)])).toMatchObject({ answeredAt: at(0), durationSeconds: 58 });
    expect(foldAll([event('ended', 58, { durationSeconds: 96, callTimes: { startedAt: at(0) } })])).toMatchObject({ startedAt: at(0), answeredAt: at(0), durationSeconds: 58 });
  });

  it('takes the start, answer and end a delivery reports for the call, and the durations from them', () => {
    const call = foldAll([event('ended', 90, { callTimes: { startedAt: at(0), answeredAt: at(12), endedAt: at(72) }, durationSeconds: 60 })]);
    expect(call).toMatchObject({ startedAt: at(0), answeredAt: at(12), endedAt: at(72), ringingSeconds: 12, durationSeconds: 60, totalSeconds: 72, outcome: 'completed' });
  });

  it('applies every aftercall update, the latest by its own time whatever order they arrive in', () => {
    const first = event('other', 100, { providerEvent: 'aftercall.tags_updated', tags: ['callback'] });
    const second = event('other', 460, { providerEvent: 'aftercall.tags_updated', tags: ['callback', 'billing'] });
    const comment = (second: number, comments: string) => event('other', second, { id: `c-${second}`, providerEvent: 'aftercall.comments_updated', comments });
    for (const order of [[first, second], [second, first]]) expect(foldAll(order).tags).toEqual(['callback', 'billing']);
    expect(foldAll([comment(200, 'Call back Tuesday'), comment(100, 'Wants a refund')]).comments).toBe('Call back Tuesday');
    expect(foldAll([first, event('other', 500, { tags: [] })]).tags).toEqual([]);
  });

  it('explains an unanswered call by its hang-up cause, and an answered one as completed', () => {
    const busy = { hangupCause: '486', endReason: 'busy' } as const;
    expect(foldAll([event('ringing', 0), event('ended', 20, busy)])).toMatchObject({ outcome: 'busy', hangupCause: '486', endReason: 'busy' });
    expect(foldAll([event('ringing', 0), event('ended', 20, { hangupCause: '18', endReason: 'no-answer' })]).outcome).toBe('no-answer');
    expect(foldAll([event('ringing', 0), event('failed', 20, { hangupCause: '21', endReason: 'rejected' })]).outcome).toBe('rejected');
    expect(foldAll([event('ringing', 0), event('ended', 20, { hangupCause: '38', endReason: 'failed' })]).outcome).toBe('failed');
    expect(foldAll([event('ended', 20, busy), event('answered', 5)]).outcome).toBe('completed');
    expect(foldAll([event('ended', 20, { hangupCause: '0', endReason: 'normal', durationSeconds: 12 })]).outcome).toBe('completed');
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

  it('gives the same call, field for field, for every delivery order', () => {
    const kinds: CallEventType[] = ['ringing', 'answered', 'ended', 'missed', 'voicemail', 'failed', 'recording', 'summary', 'transferred', 'ivr', 'other'];
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const spec = fc.record({
      type: fc.constantFrom(...kinds),
      second: fc.integer({ min: 0, max: 600 }),
      duration: maybe(fc.integer({ min: 1, max: 120 })),
      started: maybe(fc.integer({ min: 0, max: 600 })),
      answered: maybe(fc.integer({ min: 0, max: 600 })),
      tags: maybe(fc.subarray(['callback', 'billing', 'vip'])),
      comments: maybe(fc.constantFrom('a', 'b', '')),
      agent: maybe(fc.constantFrom('Ana', 'Bo')),
      from: maybe(fc.constantFrom('+33611111111', '+33622222222')),
      direction: maybe(fc.constantFrom('inbound', 'outbound') as fc.Arbitrary<'inbound' | 'outbound'>),
      cause: maybe(fc.constantFrom(['486', 'busy'], ['18', 'no-answer'], ['16', 'normal']) as fc.Arbitrary<[string, 'busy' | 'no-answer' | 'normal']>),
      recording: maybe(fc.constantFrom('https://r.test/1.mp3', 'https://r.test/2.mp3')),
      ivrCode: maybe(fc.constantFrom('1', '2')),
      transferredTo: maybe(fc.constantFrom('+33100000000')),
    });
    type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;
    const toEvent = (s: Spec, i: number) =>
      event(s.type, s.second, {
        id: `e${i}`,
        durationSeconds: s.duration,
        callTimes: s.started !== undefined || s.answered !== undefined ? { startedAt: s.started === undefined ? undefined : at(s.started), answeredAt: s.answered === undefined ? undefined : at(s.answered) } : undefined,
        tags: s.tags,
        comments: s.comments,
        agent: s.agent ? { name: s.agent } : undefined,
        from: s.from ? { number: s.from } : undefined,
        direction: s.direction,
        hangupCause: s.cause?.[0],
        endReason: s.cause?.[1],
        links: s.recording ? { recordingUrl: s.recording } : undefined,
        ivr: s.ivrCode ? { code: s.ivrCode } : undefined,
        transferredTo: s.transferredTo,
      });
    const orders = fc.array(spec, { minLength: 1, maxLength: 8 }).chain((specs) => {
      const events = specs.map(toEvent);
      return fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }));
    });
    fc.assert(
      fc.property(orders, ([inOrder, shuffled]) => {
        expect(foldAll(shuffled)).toEqual(foldAll(inOrder));
      }),
      { numRuns: 1000 },
    );
  });
});
