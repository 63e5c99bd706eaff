// A supervisor's voice is gathered into spans: pieces that follow each other make one span; a
// pause longer than the limit, or an explicit end, closes it, and each span is told once.
import { describe, expect, it } from 'vitest';
import { SpeechSpans, type SpeechPiece, type SpeechSpan } from '../../../../electron/engine/calls/speech-spans.ts';

const piece = (durationMs = 100): SpeechPiece => ({ durationMs, audioBytes: durationMs * 32, audioDataType: 'raw', sampleRate: 16000 });

function spans(pauseMs = 3000) {
  const closed: [string, SpeechSpan][] = [];
  return { closed, spans: new SpeechSpans((callId, span) => closed.push([callId, span]), pauseMs) };
}

describe('supervisor speech spans', () => {
  it('makes one span of 100 pieces of 100 ms sent as they are captured', () => {
    const { closed, spans: s } = spans();
    for (let i = 0; i < 100; i++) s.add('ringover-1', 1_000_000 + i * 100, piece());
    s.sweep(1_000_000 + 10_000 + 2_999); // still within the pause after the audio played out
    expect(closed).toEqual([]);
    s.end('ringover-1');
    expect(closed).toHaveLength(1);
    expect(closed[0]![1]).toMatchObject({ startedAt: 1_000_000, endedAt: 1_010_000, durationMs: 10_000, audioBytes: 320_000, pieces: 100 });
    s.end('ringover-1');
    expect(closed).toHaveLength(1); // told once
  });

  it('plays pieces sent at once one after the other: the span ends when the last one has played', () => {
    const { closed, spans: s } = spans();
    for (let i = 0; i < 10; i++) s.add('ringover-1', 5000, piece(1000));
    s.endAll();
    expect(closed[0]![1]).toMatchObject({ startedAt: 5000, endedAt: 15_000, durationMs: 10_000 });
  });

  it('ends a span after a pause longer than the limit, on the tick or on the next piece', () => {
    const { closed, spans: s } = spans(3000);
    s.add('ringover-1', 0, piece());
    s.add('ringover-2', 0, piece());
    s.sweep(3100);
    expect(closed).toEqual([]);
    s.sweep(3101);
    expect(closed.map(([id]) => id)).toEqual(['ringover-1', 'ringover-2']);
    expect(s.size).toBe(0);

    s.add('ringover-1', 10_000, piece());
    s.add('ringover-1', 13_200, piece()); // a pause of 3.1 s: a new span
    s.endAll();
    expect(closed.slice(2).map(([, span]) => span.startedAt)).toEqual([10_000, 13_200]);
  });

  it('keeps each call’s span apart', () => {
    const { closed, spans: s } = spans();
    s.add('ringover-1', 0, piece());
    s.add('ringover-2', 50, piece(200));
    s.end('ringover-2');
    expect(closed).toEqual([['ringover-2', expect.objectContaining({ durationMs: 200 })]]);
    expect(s.size).toBe(1);
  });
});
