// The scorer's time-based and count-based reasons, with an explicit clock.
import { describe, expect, it } from 'vitest';
import { askedForPerson, heardLine, modeChanged, newSignals, turnDone } from '../../../../electron/engine/calls/attention-signals.ts';
import { LONG_SILENCE_MS, scoreOf } from '../../../../electron/engine/calls/attention-score.ts';

const T0 = Date.parse('2025-03-01T10:00:00Z');
const codes = (s: ReturnType<typeof newSignals>, now: number) => scoreOf(s, now).reasons.map((r) => r.code);

describe('attention score', () => {
  it('counts a long silence only while the bot has the line, in 5 s steps', () => {
    const s = newSignals(T0);
    expect(codes(s, T0 + LONG_SILENCE_MS)).toEqual([]); // nobody answers yet
    modeChanged(s, 'bot', T0);
    expect(codes(s, T0 + LONG_SILENCE_MS - 1)).toEqual([]);
    expect(scoreOf(s, T0 + 12_400).reasons).toEqual([expect.objectContaining({ code: 'long-silence', side: 'bot', values: { seconds: 10 } })]);
    heardLine(s, 'caller', 'Hello?', T0 + 13_000, 'en', []);
    expect(codes(s, T0 + 14_000)).toEqual([]);
    modeChanged(s, 'human', T0 + 14_000);
    expect(codes(s, T0 + 60_000)).toEqual([]); // a supervisor's silence is theirs
  });

  it('grows with the wait for a person until someone takes the call', () => {
    const s = newSignals(T0);
    askedForPerson(s, T0);
    const at = (ms: number) => scoreOf(s, T0 + ms).reasons.find((r) => r.code === 'waiting-for-person');
    expect(at(0)).toMatchObject({ side: 'wait', points: 30, values: { seconds: 0 } });
    expect(at(31_000)).toMatchObject({ points: 40, values: { seconds: 30 } });
    expect(at(10 * 60_000)).toMatchObject({ points: 60 });
    modeChanged(s, 'human', T0 + 60_000);
    expect(at(61_000)).toBeUndefined();
  });

  it('says a caller asked for a person before the bot noticed, in French too', () => {
    const s = newSignals(T0);
    heardLine(s, 'caller', 'Je veux parler à un conseiller, s’il vous plaît.', T0, 'fr', []);
    expect(codes(s, T0)).toEqual(['asked-for-person']);
    askedForPerson(s, T0 + 1000); // the bot noticed: now it is a wait
    expect(codes(s, T0 + 1000)).toEqual(['waiting-for-person']);
  });

  it('counts barge-ins from the second, and bot errors and slow turns apart', () => {
    const s = newSignals(T0);
    turnDone(s, { turn: 1, interrupted: true, firstAudioMs: 800 }, T0);
    expect(codes(s, T0)).toEqual([]);
    turnDone(s, { turn: 2, interrupted: true, firstAudioMs: 2500 }, T0);
    expect(scoreOf(s, T0).reasons).toEqual([
      expect.objectContaining({ code: 'bot-slow', side: 'bot', values: { seconds: 2.5, count: 1 } }),
      expect.objectContaining({ code: 'barge-ins', side: 'caller', values: { count: 2 } }),
    ]);
  });

  it('caps the score at 100 and reports French frustration words', () => {
    const s = newSignals(T0);
    for (const line of ['C’est inadmissible, je veux résilier.', 'C’est inadmissible, je veux résilier !', 'Vraiment inadmissible, je veux résilier.'])
      heardLine(s, 'caller', line, T0, 'fr', ['résilier']);
    askedForPerson(s, T0 - 10 * 60_000);
    const attention = scoreOf(s, T0);
    expect(attention.score).toBe(100);
    expect(attention.reasons.map((r) => r.code)).toEqual(['waiting-for-person', 'frustrated', 'asked-again', 'keyword']);
  });
});
