// One streamed call: its media connection (replaced when the media server reconnects), its audio
// timeline and recording, its outbound speech, and its stream statistics.
import type { StreamStatus } from '../../../shared/call.ts';
import type { StreamSampleRate } from '../../../shared/commands.ts';
import { CallRecorder, type PeakBatch } from '../audio/call-recorder.ts';
import { Resampler } from '../audio/resample.ts';
import { OutboundPlayer, type Played } from '../streamer/outbound.ts';

/** What a session needs from the socket that carries its audio. */
export interface MediaLink {
  /** Writes one message; false when the socket is gone or hopelessly backed up. */
  send(message: string): boolean;
  close(code: number, reason: string): void;
}

/** Whoever listens in on a session's audio (the voice bot). Calls must return quickly. */
export interface SessionObserver {
  /** Caller audio, decoded and in order; `samples` is only valid during the call (copy to keep). */
  callerAudio(samples: Int16Array, sampleRate: number): void;
  /** A supervisor's own voice sent to the caller (their microphone). */
  supervisorAudio(samples: Int16Array, sampleRate: number): void;
  /** Outbound speech was cut (a break): `heardMs` of the run reached the caller. */
  silenced(played: Played): void;
}

export type SpeechOrigin = 'bot' | 'supervisor';

export interface SessionListener {
  /** Mixed stereo frames (caller left, agent right) at `sampleRate`; valid only during the call. */
  audio(frames: Int16Array, sampleRate: number): void;
  ended(reason: string): void;
}

export interface SessionOptions {
  callId: string;
  recordingPath: string | undefined;
  onError: (error: Error) => void;
  now?: () => number;
}

type Counters = Pick<StreamStatus, 'framesReceived' | 'framesLost' | 'framesMalformed' | 'duplicates' | 'late'>;

export class CallSession {
  readonly callId: string;
  link: MediaLink | undefined;
  recorder: CallRecorder | undefined;
  readonly outbound: OutboundPlayer;
  private readonly options: SessionOptions;
  private readonly now: () => number;
  private readonly counters: Counters = { framesReceived: 0, framesLost: 0, framesMalformed: 0, duplicates: 0, late: 0 };
  private format: Pick<StreamStatus, 'framing' | 'encoding' | 'sampleRate'> = {};
  private connectedAt = '';
  private connections = 0;
  private lastFrameAt: number | undefined;
  private outboundResamplers = new Map<number, Resampler>();
  private inboundResampler: Resampler | undefined;
  /** Bumped on every change a listener would want to see; the live feed compares it. */
  version = 0;
  observer: SessionObserver | undefined;

  constructor(options: SessionOptions) {
    this.callId = options.callId;
    this.options = options;
    this.now = options.now ?? Date.now;
    this.outbound = new OutboundPlayer(
      (message) => this.link?.send(message) ?? false,
      (samples, rate) => this.recordAgent(samples, rate),
    );
  }

  get connected(): boolean {
    return this.link !== undefined;
  }

  get framesReceived(): number {
    return this.counters.framesReceived;
  }

  /** A media connection joins (or rejoins) this call; an older one is closed. */
  attach(link: MediaLink): void {
    if (this.link && this.link !== link) this.link.close(4000, 'replaced by a newer connection for this call');
    this.link = link;
    this.connections++;
    this.connectedAt = new Date(this.now()).toISOString();
    this.version++;
  }

  detach(link: MediaLink): void {
    if (this.link !== link) return;
    this.link = undefined;
    this.outbound.stop(this.now());
    this.version++;
  }

  /** Listen-in: who gets the call's mixed audio, and is told when the call's audio is over. */
  private readonly listeners = new Set<SessionListener>();

  listen(listener: SessionListener): () => void {
    this.listeners.add(listener);
    this.wireListenIn();
    return () => {
      this.listeners.delete(listener);
      this.wireListenIn();
    };
  }

  /** The recorder hands out mixed audio only while someone listens (a copy per frame otherwise). */
  private wireListenIn(): void {
    if (!this.recorder) return;
    this.recorder.onMixed = this.listeners.size === 0 ? undefined : (frames) => {
      for (const listener of this.listeners) listener.audio(frames, this.recorder!.sampleRate);
    };
  }

  /** Caller audio, decoded and in order, at `sampleRate`. */
  callerAudio(samples: Int16Array, sampleRate: number): void {
    if (!this.recorder) {
      this.recorder = new CallRecorder(sampleRate, this.options.recordingPath, this.options.onError);
      this.wireListenIn();
    }
    this.recorder.pushCaller(sampleRate === this.recorder.sampleRate ? samples : this.resampleInbound(samples, sampleRate));
    this.observer?.callerAudio(samples, sampleRate);
  }

  /** The line's rate (what the caller's audio comes at); 8 kHz until audio arrives. */
  get sampleRate(): number {
    return this.recorder?.sampleRate ?? 8000;
  }

  countFrame(): void {
    this.counters.framesReceived++;
    this.lastFrameAt = this.now();
  }

  count(kind: 'framesLost' | 'framesMalformed' | 'duplicates' | 'late', n = 1): void {
    if (n <= 0) return;
    this.counters[kind] += n;
    this.version++;
  }

  /** Called for every frame: cheap when nothing changed. */
  describeFormat(framing: StreamStatus['framing'], encoding: StreamStatus['encoding'], sampleRate: number): void {
    if (framing === this.format.framing && encoding === this.format.encoding && sampleRate === this.format.sampleRate) return;
    this.format = { framing, encoding, sampleRate };
    this.version++;
  }

  /** Speech for the caller, paced in real time; returns its duration in ms. */
  speak(samples: Int16Array, sampleRate: StreamSampleRate, origin: SpeechOrigin = 'bot'): number {
    if (origin === 'supervisor') this.observer?.supervisorAudio(samples, sampleRate);
    const now = this.now();
    const ms = this.outbound.enqueue(samples, sampleRate, now);
    this.outbound.tick(now); // the first chunks go now, not on the next pacing tick
    return ms;
  }

  /** Stops outbound speech; returns what the caller heard of it. `quiet` skips telling the observer. */
  silence(quiet = false): Played {
    const played = this.outbound.stop(this.now());
    if (!quiet && played.sentMs > 0) this.observer?.silenced(played);
    return played;
  }

  tick(now: number): void {
    this.outbound.tick(now);
  }

  takePeaks(): PeakBatch | undefined {
    return this.recorder?.takePeaks();
  }

  status(): StreamStatus {
    return {
      state: this.link ? 'connected' : 'disconnected',
      ...this.format,
      ...this.counters,
      lastFrameAt: this.lastFrameAt === undefined ? undefined : new Date(this.lastFrameAt).toISOString(),
      connectedAt: this.connectedAt,
      connections: this.connections,
      updatedAt: new Date(this.now()).toISOString(),
    };
  }

  /** Ends the recording; the session can be dropped afterwards. */
  async close(): Promise<{ durationSeconds: number } | undefined> {
    this.outbound.stop(this.now());
    for (const listener of this.listeners) listener.ended('the call’s audio ended');
    this.listeners.clear();
    const recorder = this.recorder;
    if (!recorder) return undefined;
    await recorder.close();
    return { durationSeconds: Math.round(recorder.durationSeconds * 10) / 10 };
  }

  private recordAgent(samples: Int16Array, rate: number): void {
    if (!this.recorder) return;
    let resampler = this.outboundResamplers.get(rate);
    if (!resampler && rate !== this.recorder.sampleRate) {
      resampler = new Resampler(rate, this.recorder.sampleRate);
      this.outboundResamplers.set(rate, resampler);
    }
    this.recorder.pushAgent(resampler ? resampler.push(samples) : samples);
  }

  private resampleInbound(samples: Int16Array, rate: number): Int16Array {
    if (this.inboundResampler?.from !== rate) this.inboundResampler = new Resampler(rate, this.recorder!.sampleRate);
    return this.inboundResampler.push(samples);
  }
}
