// Speech-to-text: one method per vendor (`transcribe`), and the stage around it, which bounds the
// request by the model timeout and names the stall when there is one.
import { StageError } from '../stage-error.ts';

export interface SpeechToText {
  /** The words in `audio` (16-bit mono PCM at `sampleRate` Hz), trimmed; '' when none. */
  transcribe(audio: Int16Array, sampleRate: number, signal: AbortSignal): Promise<string>;
}

/** Transcribes one utterance within `timeoutMs`; failures are StageErrors of "speech-to-text". */
export async function transcribeWithin(stt: SpeechToText, audio: Int16Array, sampleRate: number, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const guard = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])]);
  try {
    return await stt.transcribe(audio, sampleRate, guard);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new StageError('speech-to-text', guard.aborted ? new Error(`no answer within ${timeoutMs} ms`) : error);
  }
}
