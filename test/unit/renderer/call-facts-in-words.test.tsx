// @vitest-environment happy-dom
// What providers told about a call, as the console says it: the outcome with its hang-up cause in
// words (never twice the same thing), Rang / Talked / Total only where known, tags and notes
// updates marked in the timeline with what they set, an IVR choice, a transcription available.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/call.ts';
import { formatsFor } from '../../../shared/i18n/format.ts';
import { i18n } from '../../../renderer/src/i18n/index.ts';
import { callTimes } from '../../../renderer/src/features/call-facts/call-times.ts';
import { causeText, outcomeText } from '../../../renderer/src/features/call-facts/outcome.ts';
import { Timeline, updateOf } from '../../../renderer/src/features/call-detail/timeline.tsx';
import { callOf } from './support/calls.ts';

afterEach(cleanup);

const t = i18n.t.bind(i18n);
const ended = (overrides: Parameters<typeof callOf>[1]) => callOf('c1', { state: 'ended', ...overrides });

describe('a call’s facts in words', () => {
  it('says the outcome, with the hang-up cause only when it says more', () => {
    expect(outcomeText(ended({ outcome: 'unanswered', endReason: 'cancelled', hangupCause: '487' }), t)).toBe('Hung up before an answer (the caller hung up while it rang)');
    // "Busy (line busy)" would say it twice; a normal clearing of an answered call says nothing more.
    expect(outcomeText(ended({ outcome: 'busy', endReason: 'busy', hangupCause: '17' }), t)).toBe('Busy');
    expect(outcomeText(ended({ outcome: 'completed', endReason: 'normal', hangupCause: '16' }), t)).toBe('Call ended');
    // A cause Ringside cannot read is shown as sent.
    expect(outcomeText(ended({ outcome: 'missed', hangupCause: 'OUT_PLANNING' }), t)).toBe('Missed (cause OUT_PLANNING)');
    expect(outcomeText(ended({ outcome: 'transferred', transferredTo: '+33123456789' }), t)).toBe('Transferred to +33123456789');
    expect(outcomeText(ended({}), t)).toBe('Call ended');
    expect(outcomeText(callOf('c2'), t)).toBeUndefined();
    expect(causeText({ endReason: 'busy', hangupCause: '486' }, t)).toBe('line busy, cause 486');
  });

  it('gives Rang, Talked and Total only where the engine worked them out; talk only once answered', () => {
    const en = formatsFor('en');
    expect(callTimes(ended({ answeredAt: '2026-11-23T10:00:12.000Z', ringingSeconds: 12, durationSeconds: 65, totalSeconds: 77 }), en)).toEqual({ rang: '12s', talked: '1m 5s', total: '1m 17s' });
    expect(callTimes(ended({ durationSeconds: 21, totalSeconds: 21 }), en)).toEqual({ total: '21s' });
    expect(callTimes(callOf('c3'), en)).toEqual({});
  });

  it('marks tags and notes updates in the timeline with what they set', async () => {
    const event = (id: string, at: string, fields: Partial<CallEvent>): CallEvent => ({
      id,
      callId: 'ringover-1',
      provider: 'ringover',
      type: 'other',
      providerEvent: 'aftercall.tags_updated',
      occurredAt: at,
      receivedAt: at,
      ...fields,
    });
    const events = [
      event('e1', '2026-11-23T10:00:00.000Z', { type: 'ivr', providerEvent: 'call.ivr_response_code', ivr: { code: '2' } }),
      event('e2', '2026-11-23T10:05:00.000Z', { tags: ['callback'] }),
      event('e3', '2026-11-23T10:11:00.000Z', { tags: ['callback', 'billing'] }),
      event('e4', '2026-11-23T10:12:00.000Z', { providerEvent: 'aftercall.comments_updated', comments: 'Call back Tuesday', tags: ['callback', 'billing'] }),
      event('e5', '2026-11-23T10:13:00.000Z', { type: 'transcript', providerEvent: 'aftercall.transcription_available' }),
      event('e6', '2026-11-23T10:14:00.000Z', { type: 'ended', providerEvent: 'call.hangup', endReason: 'no-answer', hangupCause: '480' }),
    ];
    expect(events.map(updateOf)).toEqual([undefined, 'tags', 'tags', 'notes', undefined, undefined]);
    render(<Timeline events={events} />);
    const items = screen.getAllByRole('listitem').filter((li) => li.classList.contains('event'));
    expect(items.map((li) => li.querySelector('span')!.textContent)).toEqual([
      'The caller chose 2 in the voice menu',
      'Tags updatedTags: callback',
      'Tags updatedTags: callbackbilling',
      'Notes updatedTags: callbackbillingNotes: Call back Tuesday',
      'Transcription available',
      'Ended: call.hangup (nobody answered)',
    ]);
    expect(items.map((li) => li.classList.contains('marker'))).toEqual([false, true, true, true, false, false]);
  });

  it('says it in French too', async () => {
    await i18n.changeLanguage('fr');
    try {
      expect(outcomeText(ended({ outcome: 'unanswered', endReason: 'cancelled' }), t)).toBe('Raccroché avant la réponse (l’appelant a raccroché pendant la sonnerie)');
      expect(callTimes(ended({ answeredAt: '2026-11-23T10:00:12.000Z', ringingSeconds: 12, durationSeconds: 65, totalSeconds: 77 }), formatsFor('fr'))).toEqual({ rang: '12s', talked: '1min 5s', total: '1min 17s' });
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
