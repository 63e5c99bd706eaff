// A supervisor's voice during a take-over, gathered into spans. The console's microphone sends
// ~100 ms pieces of `streamAudio`; the call's timeline gets one entry per span of speech ("spoke
// 12 s"), not one per piece (10 s of take-over once made 87 of a call's 99 events). A span ends on
// hand back (or a new take-over), when the call's stream goes, or after a pause longer than
// `SPAN_PAUSE_MS` (the supervisor left the call or their microphone stopped).
import type { StreamSampleRate } from '../../../shared/commands.ts';

/** A pause in the supervisor's audio longer than this ends the span, in ms. */
export const SPAN_PAUSE_MS = 3000;

/** One piece of a supervisor's speech as it reached the line. */
export interface SpeechPiece {
  /** Its length as played, in ms. */
  durationMs: number;
  /** Its audio's size as sent (decoded from base64), in bytes. */
  audioBytes: number;
  audioDataType: 'raw' | 'wav';
  sampleRate: StreamSampleRate;
}

/** A span of a supervisor's speech on one call. */
export interface SpeechSpan {
  /** When its first piece reached the line, in ms since the epoch. */
  startedAt: number;
  /** When its last piece has played out (pieces play one after the other), in ms since the epoch. */
  endedAt: number;
  /** Its audio, summed over its pieces, in ms. */
  durationMs: number;
  /** Its audio's size, summed over its pieces, in bytes. */
  audioBytes: number;
  pieces: number;
  /** The format of its first piece (the console's microphone keeps one). */
  audioDataType: SpeechPiece['audioDataType'];
  sampleRate: StreamSampleRate;
}

/** The open span of each call; `closed` is told once per span, when it ends. */
export class SpeechSpans {
  private readonly open = new Map<string, SpeechSpan>();
  private readonly closed: (callId: string, span: SpeechSpan) => void;
  private readonly pauseMs: number;

  constructor(closed: (callId: string, span: SpeechSpan) => void, pauseMs = SPAN_PAUSE_MS) {
    this.closed = closed;
    this.pauseMs = pauseMs;
  }

  /** Spans not yet ended (a few at most: one per call being taken over). */
  get size(): number {
    return this.open.size;
  }

  /** Adds a piece that reached `callId`'s line at `now` (ms); it opens a span, or extends the open one. */
  add(callId: string, now: number, piece: SpeechPiece): void {
    let span = this.open.get(callId);
    if (span && now - span.endedAt > this.pauseMs) {
      this.end(callId);
      span = undefined;
    }
    if (!span) {
      span = { startedAt: now, endedAt: now, durationMs: 0, audioBytes: 0, pieces: 0, audioDataType: piece.audioDataType, sampleRate: piece.sampleRate };
      this.open.set(callId, span);
    }
    span.endedAt = Math.max(span.endedAt, now) + piece.durationMs;
    span.durationMs += piece.durationMs;
    span.audioBytes += piece.audioBytes;
    span.pieces++;
  }

  /** Ends `callId`'s open span, if any (hand back, take-over, the stream gone). */
  end(callId: string): void {
    const span = this.open.get(callId);
    if (!span) return;
    this.open.delete(callId);
    this.closed(callId, span);
  }

  /** Ends the spans whose audio stopped more than the pause ago (called on the engine's live tick). */
  sweep(now: number): void {
    for (const [callId, span] of this.open) if (now - span.endedAt > this.pauseMs) this.end(callId);
  }

  endAll(): void {
    for (const callId of [...this.open.keys()]) this.end(callId);
  }
}
