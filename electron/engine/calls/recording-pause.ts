// Pausing a streamed call's recording while a caller gives a card number: asked by the bot
// (pause_recording / resume_recording), a supervisor (the console's button), or Ringside itself
// when a caller's transcript shows a card number. The recording holds silence for the span, and the
// call's timeline says when it was paused and resumed, and by whom.
import { ApiError } from '../../../shared/api.ts';
import type { RecordingPauseOrigin } from '../../../shared/call.ts';
import type { CallSession } from './session.ts';
import type { Timeline } from './timeline.ts';

export interface RecordingPauseRequest {
  paused: boolean;
  by: RecordingPauseOrigin;
  /** Silence what was recorded since this point too (ms since the call's audio began): a card number already said. */
  sinceMs?: number;
  /** Why, in a few words (shown on the timeline). */
  reason?: string;
}

/**
 * Pauses or resumes the recording of `session`'s call; a request for the state it is in changes
 * nothing and records nothing (silencing a span still applies). Throws ApiError 409 when the call
 * has no live stream.
 */
export async function setRecordingPaused(callId: string, session: CallSession | undefined, timeline: Timeline, request: RecordingPauseRequest): Promise<{ paused: boolean }> {
  if (!session?.connected) throw new ApiError(409, `call ${callId} has no live stream: only a streamed call's own recording can be paused`);
  const { paused, by, sinceMs, reason } = request;
  const changed = session.recordingPaused !== paused;
  session.recordingPaused = paused;
  if (session.recorder) session.recorder.paused = paused;
  if (changed) {
    const atMs = Math.round(session.elapsedMs);
    void timeline.record(callId, {
      type: 'other',
      providerEvent: paused ? 'recording.paused' : 'recording.resumed',
      detail: { recordingPause: { paused, by, atMs, ...(sinceMs !== undefined && { sinceMs: Math.round(sinceMs) }), ...(reason && { reason }) } },
    });
  }
  if (paused && sinceMs !== undefined) await session.recorder?.silenceSince(sinceMs);
  return { paused };
}
