// Hears one speaker (the caller, or a supervisor on their microphone): VAD, turn-taking, then
// speech-to-text of each utterance, in order. Emits the transcript as it forms.
import { randomUUID } from 'node:crypto';
import type { Speaker, Utterance } from '../../../shared/call.ts';
import { StreamingVad } from '../audio/vad.ts';
import { TurnDetector, type SpeechSegment } from './turns.ts';

export interface ListenerOptions {
  speaker: Speaker;
  sampleRate: number;
  hangoverMs: number;
  minSpeechMs: number;
  /** Timeline position (ms since the call's audio began) of this listener's first sample. */
  offsetMs: number;
  /** Speech-to-text, or undefined when there is no model (then nothing is transcribed). */
  transcribe: ((audio: Int16Array, sampleRate: number) => Promise<string>) | undefined;
  utterance(utterance: Utterance): void;
  /** Speech began (it may still turn out to be a backchannel). */
  started?(startMs: number): void;
  /** Speech has lasted long enough to count (a barge-in, if the bot is talking). */
  confirmed?(startMs: number): void;
  /** An utterance was transcribed (`endedAt`: when its end was detected). */
  said?(text: string, segment: SpeechSegment, endedAt: number): void;
  failed(stage: 'stt', error: Error): void;
  now: () => number;
}

export class SpeechListener {
  private readonly options: ListenerOptions;
  private readonly vad: StreamingVad;
  private readonly turns: TurnDetector;
  private transcripts: Promise<void> = Promise.resolve();
  /** Settles once every frame pushed so far went through the VAD. */
  private heard: Promise<void> = Promise.resolve();
  private interimId: string | undefined;
  private stopped = false;

  constructor(options: ListenerOptions) {
    this.options = options;
    this.vad = new StreamingVad(options.sampleRate);
    this.turns = new TurnDetector(
      { frameMs: this.vad.frameMs, hangoverMs: options.hangoverMs, minSpeechMs: options.minSpeechMs },
      {
        speechStart: (startMs) => {
          this.interimId = randomUUID();
          options.started?.(options.offsetMs + startMs);
          options.utterance({ id: this.interimId, speaker: options.speaker, text: '', final: false, startMs: options.offsetMs + startMs });
        },
        speechConfirmed: (startMs) => options.confirmed?.(options.offsetMs + startMs),
        speechEnd: (segment) => this.ended(segment, options.now()),
      },
    );
  }

  /** Audio in order; copied, so the caller may reuse its buffer. */
  push(samples: Int16Array): void {
    if (this.stopped) return;
    this.heard = this.vad.push(samples.slice(), (frame) => this.turns.frame(frame));
    this.turns.audio(samples, this.options.sampleRate);
  }

  /** Hears out what was pushed, transcribes speech in progress, and waits for every transcript. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.heard;
    this.turns.flush();
    await this.transcripts;
  }

  private ended(segment: SpeechSegment, endedAt: number): void {
    const id = this.interimId ?? randomUUID();
    this.interimId = undefined;
    const { speaker, offsetMs, transcribe, sampleRate } = this.options;
    const place = { id, speaker, startMs: offsetMs + segment.startMs, endMs: offsetMs + segment.endMs };
    if (!transcribe) return;
    this.transcripts = this.transcripts.then(async () => {
      let text: string;
      try {
        text = await transcribe(segment.audio, sampleRate);
      } catch (error) {
        this.options.utterance({ ...place, text: '', final: true });
        this.options.failed('stt', error as Error);
        return;
      }
      this.options.utterance({ ...place, text, final: true });
      if (text) this.options.said?.(text, segment, endedAt);
    });
  }
}
