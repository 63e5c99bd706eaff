// What a live transcript line becomes before anyone sees it: redacted (a supervisor reads
// `[card number]`, never the digits), and, when a caller is reading out a card number, the
// recording paused (silenced back to where the line began) until the caller has said something
// with no number in it, the bot resumes it, or a supervisor does.
import type { RecordingPauseOrigin, Utterance } from '../../../shared/call.ts';
import { redact, type RedactionOptions } from './redact.ts';

export interface PauseRequest {
  paused: boolean;
  by: RecordingPauseOrigin;
  sinceMs?: number;
  reason?: string;
}

export interface TranscriptGuardDeps {
  /** The options for a call's text (its settings and own numbers). */
  options(callId: string): RedactionOptions;
  /** Pauses or resumes the call's recording; may reject (no live stream): the guard logs nothing and goes on. */
  pause(callId: string, request: PauseRequest): Promise<unknown>;
}

export class TranscriptGuard {
  private readonly deps: TranscriptGuardDeps;
  /** Calls whose recording this guard paused (and so may resume). */
  private readonly paused = new Set<string>();

  constructor(deps: TranscriptGuardDeps) {
    this.deps = deps;
  }

  /** `utterance` as it may be shown and kept; pauses or resumes the recording as the caller's words ask. */
  line(callId: string, utterance: Utterance): Utterance {
    const { text, found } = redact(utterance.text, this.deps.options(callId));
    if (utterance.speaker === 'caller') {
      if (found.has('card') && !this.paused.has(callId)) {
        this.paused.add(callId);
        void this.deps.pause(callId, { paused: true, by: 'auto', sinceMs: utterance.startMs, reason: 'a card number in the transcript' }).catch(() => this.paused.delete(callId));
      } else if (utterance.final && this.paused.has(callId) && !found.has('card') && !/\d/.test(text) && text.trim()) {
        this.paused.delete(callId);
        void this.deps.pause(callId, { paused: false, by: 'auto', reason: 'the caller went on without a number' }).catch(() => undefined);
      }
    }
    return text === utterance.text ? utterance : { ...utterance, text };
  }

  /** Someone else paused or resumed the call's recording: the guard no longer owns the pause. */
  forget(callId: string): void {
    this.paused.delete(callId);
  }
}
