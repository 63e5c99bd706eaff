// One streamed call: its media connection (replaced when the media server reconnects), its audio
// timeline and recording, its line (the bot's port: outbound speech and line actions), and its
// stream figures, read from each connection's facts.
import type { StreamStatus } from '../../../shared/call.ts';
import type { StreamSampleRate } from '../../../shared/commands.ts';
import { CallRecorder, type PeakBatch } from '../audio/call-recorder.ts';
import { RecentPeaks } from '../audio/recent-peaks.ts';
import { Resampler } from '../audio/resample.ts';
import { CLOSE, type MediaLink, type StreamFacts } from '../streamer/port.ts';
import { SessionLine, type WireCommand } from './session-line.ts';

export interface SessionListener {
  /** Mixed stereo frames (caller left, agent right) at `sampleRate`; valid only during the call. */
  audio(frames: Int16Array, sampleRate: number): void;
  ended(reason: string): void;
}

export interface SessionOptions {
  callId: string;
  recordingPath: string | undefined;
  onError: (error: Error) => void;
  /** How the line's commands reach the wire and the timeline. */
  wire: WireCommand;
  now?: () => number;
}

type Counters = Pick<StreamStatus, 'framesReceived' | 'framesLost' | 'framesMalformed' | 'duplicates' | 'late'>;
const COUNTERS = ['framesReceived', 'framesLost', 'framesMalformed', 'duplicates', 'late'] as const;

export class CallSession {
  readonly callId: string;
  link: MediaLink | undefined;
  recorder: CallRecorder | undefined;
  readonly line: SessionLine;
  private readonly options: SessionOptions;
  private readonly now: () => number;
  /** The counters of this call's earlier connections (each connection counts from 0). */
  private readonly earlier: Counters = { framesReceived: 0, framesLost: 0, framesMalformed: 0, duplicates: 0, late: 0 };
  private earlierChanges = 0;
  /** The last format and frame time known, kept when a connection goes. */
  private format: Pick<StreamStatus, 'framing' | 'encoding' | 'sampleRate' | 'dialect'> = {};
  private lastFrameAt: number | undefined;
  private connectedAt = '';
  private connections = 0;
  private changes = 0;
  private outboundResamplers = new Map<number, Resampler>();
  private inboundResampler: Resampler | undefined;
  private farEndResampler: Resampler | undefined;
  /** The last minute of peaks handed out, for a console that opens this call later. */
  private readonly recent = new RecentPeaks();

  /** The recording holds silence (pause_recording, a supervisor, or a card number in the transcript). */
  recordingPaused = false;

  constructor(options: SessionOptions) {
    this.callId = options.callId;
    this.options = options;
    this.now = options.now ?? Date.now;
    this.line = new SessionLine(this, options.wire, this.now);
  }

  get connected(): boolean {
    return this.link !== undefined;
  }

  /** Moves on every change a listener would want to see but more frames; the live feed compares it. */
  get version(): number {
    return this.changes + this.earlierChanges + (this.link?.facts.changes ?? 0);
  }

  get framesReceived(): number {
    return this.earlier.framesReceived + (this.link?.facts.framesReceived ?? 0);
  }

  /** A media connection joins (or rejoins) this call; an older one is closed. */
  attach(link: MediaLink): void {
    if (this.link && this.link !== link) {
      this.keep(this.link.facts);
      this.link.close(CLOSE.replaced, 'replaced by a newer connection for this call');
    }
    this.link = link;
    this.connections++;
    this.connectedAt = new Date(this.now()).toISOString();
    this.changes++;
  }

  detach(link: MediaLink): void {
    if (this.link !== link) return;
    this.keep(link.facts);
    this.link = undefined;
    this.line.stop();
    this.changes++;
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

  /** Caller audio, decoded and in order, at `sampleRate` (the stream's sink calls this once per frame). */
  callerAudio(samples: Int16Array, sampleRate: number): void {
    if (!this.recorder) {
      this.recorder = new CallRecorder(sampleRate, this.options.recordingPath, this.options.onError);
      this.recorder.paused = this.recordingPaused;
      this.wireListenIn();
    }
    this.recorder.pushCaller(sampleRate === this.recorder.sampleRate ? samples : this.resampleInbound(samples, sampleRate));
    this.line.listener?.callerAudio(samples, sampleRate);
  }

  /**
   * What the media server reports playing to the caller (a `both_tracks` stream's outbound track):
   * recorded in the agent channel while no speech of ours is on the line (it would be that speech
   * again), never heard as the caller. Dropped before the caller's audio has begun.
   */
  outboundAudio(samples: Int16Array, sampleRate: number): void {
    if (!this.recorder || this.line.busy) return;
    if (this.farEndResampler?.from !== sampleRate) this.farEndResampler = sampleRate === this.recorder.sampleRate ? undefined : new Resampler(sampleRate, this.recorder.sampleRate);
    this.recorder.pushAgent(this.farEndResampler ? this.farEndResampler.push(samples) : samples);
  }

  /** The line's rate (what the caller's audio comes at); 8 kHz until audio arrives. */
  get sampleRate(): number {
    return this.recorder?.sampleRate ?? 8000;
  }

  /** Where the call's audio is now, in ms since it began. */
  get elapsedMs(): number {
    return Math.round((this.recorder?.durationSeconds ?? 0) * 1000);
  }

  /** Peaks measured since the last call (kept among the recent ones too), or undefined when there are none. */
  takePeaks(): PeakBatch | undefined {
    const batch = this.recorder?.takePeaks();
    if (batch) this.recent.push(batch);
    return batch;
  }

  /** The last minute of the peaks `takePeaks` handed out (≤ 60 s), oldest first; undefined before any. */
  recentPeaks(): PeakBatch | undefined {
    return this.recent.recent();
  }

  status(): StreamStatus {
    const facts = this.link?.facts;
    const counters = {} as Counters;
    for (const key of COUNTERS) counters[key] = this.earlier[key] + (facts?.[key] ?? 0);
    const lastFrameAt = facts?.lastFrameAt ?? this.lastFrameAt;
    return {
      state: this.link ? 'connected' : 'disconnected',
      ...(facts?.framing ? formatOf(facts) : this.format),
      ...counters,
      lastFrameAt: lastFrameAt === undefined ? undefined : new Date(lastFrameAt).toISOString(),
      connectedAt: this.connectedAt,
      connections: this.connections,
      updatedAt: new Date(this.now()).toISOString(),
    };
  }

  /** Ends the recording; the session can be dropped afterwards. */
  async close(): Promise<{ durationSeconds: number } | undefined> {
    this.line.stop();
    for (const listener of this.listeners) listener.ended('the call’s audio ended');
    this.listeners.clear();
    const recorder = this.recorder;
    if (!recorder) return undefined;
    await recorder.close();
    return { durationSeconds: Math.round(recorder.durationSeconds * 10) / 10 };
  }

  recordAgent(samples: Int16Array, rate: StreamSampleRate): void {
    if (!this.recorder) return;
    let resampler = this.outboundResamplers.get(rate);
    if (!resampler && rate !== this.recorder.sampleRate) {
      resampler = new Resampler(rate, this.recorder.sampleRate);
      this.outboundResamplers.set(rate, resampler);
    }
    this.recorder.pushAgent(resampler ? resampler.push(samples) : samples);
  }

  /** A connection's facts stay part of the call's figures once it is gone. */
  private keep(facts: StreamFacts): void {
    for (const key of COUNTERS) this.earlier[key] += facts[key];
    this.earlierChanges += facts.changes;
    if (facts.framing) this.format = formatOf(facts);
    if (facts.lastFrameAt !== undefined) this.lastFrameAt = facts.lastFrameAt;
  }

  private resampleInbound(samples: Int16Array, rate: number): Int16Array {
    if (this.inboundResampler?.from !== rate) this.inboundResampler = new Resampler(rate, this.recorder!.sampleRate);
    return this.inboundResampler.push(samples);
  }
}

function formatOf(facts: StreamFacts): Pick<StreamStatus, 'framing' | 'encoding' | 'sampleRate' | 'dialect'> {
  return { framing: facts.framing, encoding: facts.encoding, sampleRate: facts.sampleRate, dialect: facts.dialect };
}
