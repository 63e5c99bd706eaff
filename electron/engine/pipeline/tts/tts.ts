// Text-to-speech: one method per vendor (`synthesize` one piece of text into PCM at the rate the
// vendor picks for the line), and the stage every vendor shares, after Pipecat's TTSService around
// `run_tts`: streamed text is cut into sentences (each spoken as soon as it is complete, while the
// LLM still writes), the audio resampled to the line's rate when the vendor has no format at it,
// the first byte timed, and a stall (no audio within the model timeout) reported as a failure of
// "text-to-speech". Adding a vendor is one file beside openai.ts implementing `TextToSpeech`.
import { Resampler } from '../../audio/resample.ts';
import { sentences } from '../sentences.ts';
import { stageError, stallGuard } from '../stage-error.ts';

export interface TextToSpeech {
  /**
   * The rate (Hz) of the PCM `synthesize` yields for a line at `lineRate` Hz: the vendor's output
   * format nearest the line's, so that nothing is resampled that need not be.
   */
  rateFor(lineRate: number): number;
  /** Speech for `text`, streamed as 16-bit mono PCM at `rateFor(lineRate)` Hz (chunks of any length). */
  synthesize(text: string, signal: AbortSignal, lineRate: number): AsyncIterable<Int16Array>;
}

/** What the stage yields: a sentence about to be spoken, then its audio at the output rate. */
export type SpeechPiece = { kind: 'sentence'; text: string } | { kind: 'audio'; samples: Int16Array };

export interface SpeakOptions {
  /** Rate of the audio yielded, in Hz (the line's). */
  outputRate: number;
  timeoutMs: number;
  /** Called once, at the first audio byte from the vendor. */
  firstByte?(): void;
}

/** Speaks streamed text, sentence by sentence; stops (throwing `signal.reason`) when `signal` aborts. */
export async function* speak(tts: TextToSpeech, text: AsyncIterable<string>, signal: AbortSignal, options: SpeakOptions): AsyncGenerator<SpeechPiece> {
  let first = true;
  for await (const sentence of sentences(text)) {
    signal.throwIfAborted();
    yield { kind: 'sentence', text: sentence };
    const resampler = new Resampler(tts.rateFor(options.outputRate), options.outputRate);
    const guard = stallGuard(options.timeoutMs, signal);
    try {
      for await (const pcm of tts.synthesize(sentence, guard.signal, options.outputRate)) {
        guard.progress();
        if (first) options.firstByte?.();
        first = false;
        const samples = resampler.push(pcm);
        if (samples.length) yield { kind: 'audio', samples };
      }
    } catch (error) {
      throw stageError('text-to-speech', guard.signal, error);
    } finally {
      guard.done();
    }
    const tail = resampler.flush();
    if (tail.length) yield { kind: 'audio', samples: tail };
  }
}

/** Text that is already whole (a greeting, a hold message, a supervisor's words), as a stream. */
export async function* single(text: string): AsyncGenerator<string> {
  yield text;
}
