// One turn of the bot's speech, for both engines (after LiveKit agents' SpeechHandle): it owns its
// abort controller, the tasks working for it (models, tools), what it said with the length of each
// piece's audio, its transcript line and its metrics. It ends one of two ways:
// - `finish()`: everything queued has played; the line is stored as final (marked incomplete when
//   the model stopped early);
// - `interrupt()`: abort, clear the line (through the call's line port), store the line cut to what
//   the caller heard, then wait for the turn's tasks to stop (at most INTERRUPT_BOUND_MS) and return
//   what was heard.
// Either way the turn's metrics are reported once.
import { randomUUID } from 'node:crypto';
import type { Speaker, TurnMetrics, Utterance } from '../../../shared/call.ts';
import type { StreamSampleRate } from '../../../shared/commands.ts';
import type { CallLine, Played } from '../calls/line.ts';
import { SpokenLine } from './spoken.ts';
import { Interrupted } from './stage-error.ts';

/**
 * How long `interrupt()` waits for the turn's tasks once aborted, in ms. Aborted SDK requests and
 * playout waits settle at once; the bound only keeps a stuck vendor from holding the next turn.
 */
export const INTERRUPT_BOUND_MS = 1000;

/** What the caller heard of a turn that was cut. */
export interface Heard {
  text: string;
  /** Ms of the turn's audio the caller heard. */
  heardMs: number;
  /** Less than the whole line was heard. */
  truncated: boolean;
}

/** What a turn needs of its agent. */
export interface TurnPort {
  line: CallLine;
  now(): number;
  utterance(utterance: Utterance): void;
  /** The turn is over: its metrics, once. */
  ended(metrics: TurnMetrics): void;
  /** The turn's first audio went to the line. */
  speaking(): void;
}

export interface TurnOptions {
  number: number;
  speaker: Extract<Speaker, 'bot' | 'supervisor'>;
  /** Wall time (ms) the caller stopped speaking: what the metrics count from. */
  from: number;
  /** Said synchronously when the turn is cut, before its tasks have stopped (the model's history). */
  interrupted?(heard: Heard): void;
}

type Step = 'transcriptMs' | 'llmFirstTokenMs' | 'ttsFirstByteMs' | 'firstAudioMs';

export class SpeechTurn {
  readonly number: number;
  readonly speaker: TurnOptions['speaker'];
  readonly utteranceId = randomUUID();
  readonly metrics: TurnMetrics;
  /** Timeline position (ms since the call's audio began) where the turn started. */
  readonly startMs: number;
  private readonly from: number;
  private readonly port: TurnPort;
  private readonly onInterrupted: TurnOptions['interrupted'];
  private readonly abort = new AbortController();
  private readonly tasks = new Set<Promise<unknown>>();
  private readonly spoken = new SpokenLine();
  private over = false;

  constructor(port: TurnPort, options: TurnOptions) {
    this.port = port;
    this.number = options.number;
    this.speaker = options.speaker;
    this.from = options.from;
    this.onInterrupted = options.interrupted;
    this.metrics = { turn: options.number };
    this.startMs = port.line.elapsedMs;
  }

  /** Aborts when the turn is cut (reason: an `Interrupted`) or fails. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** Ended (finished, interrupted or failed): nothing more of it reaches the line. */
  get ended(): boolean {
    return this.over;
  }

  /** Everything the turn said so far (heard or not). */
  get text(): string {
    return this.spoken.text;
  }

  /** Ms of audio this turn queued on the line. */
  get audioMs(): number {
    return this.spoken.queuedMs;
  }

  /** Times a step of the turn, once, from the end of the caller's speech. */
  mark(step: Step): void {
    this.metrics[step] ??= this.port.now() - this.from;
  }

  /** Work done for this turn: `interrupt()` waits for it (within its bound). */
  run<T>(task: Promise<T>): Promise<T> {
    this.tasks.add(task);
    const forget = () => this.tasks.delete(task);
    task.then(forget, forget);
    return task;
  }

  /** A sentence begins (its audio follows): shown at once as the line forms. */
  sentence(text: string): void {
    if (this.over) return;
    this.spoken.begin(text);
    this.showInterim();
  }

  /** More words of the line being spoken (a speech-to-speech model's transcript). */
  words(text: string): void {
    if (this.over) return;
    this.spoken.append(text);
    this.showInterim();
  }

  /** Queues speech on the line (nothing once the turn ended); returns its length in ms. */
  play(samples: Int16Array, sampleRate: StreamSampleRate): number {
    if (samples.length === 0 || this.over || this.abort.signal.aborted) return 0;
    const ms = this.port.line.play(samples, sampleRate);
    this.spoken.extend(ms);
    this.mark('firstAudioMs');
    this.port.speaking();
    return ms;
  }

  /**
   * Ends the turn once its audio has played: stores the line as final (`incomplete`: why the model
   * stopped early, when it did). Resolves false, storing nothing, when the turn was cut meanwhile.
   * A clear by someone else while it waits stores what the caller heard.
   */
  async finish(incomplete?: string): Promise<boolean> {
    let played: Played;
    try {
      played = await this.port.line.waitForPlayout(this.abort.signal);
    } catch {
      return false; // interrupted: the cut line was stored
    }
    if (this.over) return false;
    this.over = true;
    const text = played.interrupted ? this.spoken.heard(Math.max(0, this.spoken.queuedMs - played.unheardMs)) : this.spoken.text;
    this.port.utterance({
      ...this.line(text, true),
      ...(text !== this.spoken.text && { truncated: true }),
      ...(incomplete && { incomplete }),
    });
    this.port.ended(this.metrics);
    return true;
  }

  /**
   * Cuts the turn: aborts its work, clears the line (unless `cleared` says someone else did, and
   * what the caller heard then), stores the line cut to what was heard — all at once, before the
   * first await — then waits for the turn's tasks, at most `boundMs`. Returns what was heard.
   */
  async interrupt(reason: string, cleared?: Played, boundMs = INTERRUPT_BOUND_MS): Promise<Heard> {
    if (this.over) return { text: '', heardMs: 0, truncated: false };
    this.over = true;
    this.abort.abort(new Interrupted(reason));
    // A take-over's silence is the supervisor's break, not the bot's, on the timeline.
    const played = cleared ?? this.port.line.clear(reason === 'takeover' ? 'supervisor' : 'bot');
    const heardMs = Math.max(0, this.spoken.queuedMs - played.unheardMs);
    const text = this.spoken.heard(heardMs);
    const heard = { text, heardMs, truncated: text !== this.spoken.text };
    if (this.spoken.text) this.port.utterance({ ...this.line(text, true), truncated: heard.truncated });
    this.metrics.interrupted = true;
    this.port.ended(this.metrics);
    this.onInterrupted?.(heard);
    await this.settle(boundMs);
    return heard;
  }

  /** The turn failed: its work stops, its metrics are reported; the line is not stored. */
  fail(): void {
    if (this.over) return;
    this.over = true;
    this.abort.abort(new Interrupted('failed'));
    this.port.ended(this.metrics);
  }

  /** Waits for the turn's tasks to settle, at most `boundMs`. */
  private async settle(boundMs: number): Promise<void> {
    if (this.tasks.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs).unref()));
    await Promise.race([Promise.allSettled([...this.tasks]), bound]);
    clearTimeout(timer);
  }

  private showInterim(): void {
    this.port.utterance(this.line(this.spoken.text, false));
  }

  private line(text: string, final: boolean): Utterance {
    return { id: this.utteranceId, speaker: this.speaker, text, final, startMs: this.startMs, ...(final && { endMs: this.port.line.elapsedMs }) };
  }
}
