// The bot's one port to its call, after LiveKit agents' AudioOutput (captureFrame / clearBuffer /
// waitForPlayout): speech goes out with `play`, is cut with `clear`, and `waitForPlayout` says when
// the caller has heard it; the line's actions (transfer, digits, hang up) go through it too, and
// the call's audio comes back through `LineListener`. Whoever cuts the speech — the bot's barge-in,
// its failure, or a supervisor's `break` from the console — the line goes quiet once, one `break`
// goes on the wire, one `command.break` event goes on the call's timeline, and the bot learns what
// the caller heard (from `clear`'s result, or from `LineListener.cleared`).
import { ApiError } from '../../../shared/api.ts';
import type { CommandOrigin, StreamSampleRate } from '../../../shared/commands.ts';

/**
 * A command could not go out because the call's media stream is gone (never connected, closed, or
 * stopped reading): the console answers 409. For the bot it is the end of its call (the caller hung
 * up, the demo stopped), never a failure to report.
 */
export class LineDownError extends ApiError {
  constructor(message: string) {
    super(409, message);
    this.name = 'LineDownError';
  }
}

/** True when `error`, or an error it wraps (`cause`), says the call's media stream is gone. */
export function isLineDown(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) if (e instanceof LineDownError) return true;
  return false;
}

/**
 * What became of the speech on the line, in ms of audio. A run of playback is the speech played
 * since the line last fell quiet (everything queued had been heard); `sentMs` and `heardMs` count
 * within the current run. To know what the caller heard of the last `n` ms you queued, take
 * `max(0, n - unheardMs)`: unheard audio is always the most recently queued.
 */
export interface Played {
  /** Speech of this run sent to the media server (it plays it in real time), in ms. */
  sentMs: number;
  /** Speech of this run the caller has heard (sent, and its time has come), in ms; ≤ `sentMs`. */
  heardMs: number;
  /** Speech queued but not heard: sent and not yet due, or dropped unsent by a clear, in ms (0 once played out). */
  unheardMs: number;
  /** True when a clear (or the stream closing) cut the speech; false when it played out. */
  interrupted: boolean;
}

/** The bot's side of a streamed call (implemented by calls/session-line.ts). */
export interface CallLine {
  /** The line's rate in Hz (the caller's audio, as recorded); 8000 until the caller's audio arrives. */
  readonly sampleRate: number;
  /** Where the call's audio is now: ms since the call's audio began (its recording's length). */
  readonly elapsedMs: number;
  /**
   * Queues speech for the caller: 16-bit mono PCM at `sampleRate`. It is paced out in real time
   * (nothing runs far ahead at the media server, so a clear is heard at once) and recorded. Returns
   * its length in ms. Speech queued while the stream is down is dropped when the stream closes.
   */
  play(samples: Int16Array, sampleRate: StreamSampleRate): number;
  /**
   * Stops the speech at once: drops what is queued, sends one `break` when anything queued was
   * still unheard, and records it on the timeline as `by`'s (the bot's by default; the supervisor's
   * when their take-over silences the bot). Returns what the caller heard.
   * Never throws (a break that cannot be sent because the stream is down is not recorded).
   */
  clear(by?: CommandOrigin): Played;
  /**
   * Resolves once everything queued so far has been heard (`interrupted: false`), or at once when
   * nothing is queued; resolves early, `interrupted: true`, when the speech is cleared (by anyone)
   * or the stream closes. Rejects with `signal.reason` when `signal` has aborted by the time it
   * would resolve (a clear that aborts the waiter's own work rejects it).
   */
  waitForPlayout(signal?: AbortSignal): Promise<Played>;
  /**
   * Hands the call to `to` (a phone number or extension, checked as `shared/commands.ts` checks
   * it) with the media server's `transfer`; recorded on the timeline. Throws ApiError 409 when the
   * stream is down or stopped reading.
   */
  transfer(to: string): void;
  /** Sends DTMF `digits` (1–32 of 0-9 * # A-D) to the line; recorded. Throws ApiError 409 like `transfer`. */
  digits(digits: string): void;
  /** Ends the call: the media server's connection is closed with `CLOSE.normal`. Never throws. */
  hangUp(): void;
}

/** What the bot hears from its line (set as the line's listener). Calls must return quickly. */
export interface LineListener {
  /** Caller audio, decoded and in order (16-bit mono at `sampleRate` Hz); valid only during the call: copy to keep. */
  callerAudio(samples: Int16Array, sampleRate: number): void;
  /** A supervisor's own voice sent to the caller (their microphone, as `streamAudio`). */
  supervisorAudio(samples: Int16Array, sampleRate: number): void;
  /**
   * Someone else (a supervisor's `break`) cleared the line: whatever the bot was about to say or
   * saying is over. `played` says what the caller heard (`unheardMs` 0: nothing was playing).
   */
  cleared(played: Played): void;
}
