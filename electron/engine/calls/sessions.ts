// Sessions of streamed calls: binds media connections to calls (a stream with no webhook creates
// its call), runs commands on the wire, paces outbound audio on one shared clock, and feeds the live
// view: waveform peaks ~10×/s and stream figures ~1×/s.
import { mkdirSync } from 'node:fs';
import { ApiError, type CallPeaks, type LiveMessage } from '../../../shared/api.ts';
import { callIdFor, type Call } from '../../../shared/call.ts';
import type { CommandOrigin, CommandResult } from '../../../shared/commands.ts';
import { decodeCommandAudio } from '../audio/command-audio.ts';
import { recordingFile } from '../audio/recording-files.ts';
import { actingUser } from '../acting-user.ts';
import type { Logger } from '../log.ts';
import type { LineCommand, MediaLink, StreamBinder, StreamMeta, StreamSink } from '../streamer/port.ts';
import { callIdProblem } from '../../../shared/call-id.ts';
import type { CallFeed } from './call-feed.ts';
import type { LiveCalls } from './live-calls.ts';
import { setRecordingPaused, type RecordingPauseRequest } from './recording-pause.ts';
import { CallSession } from './session.ts';
import { lineDown } from './session-line.ts';
import { SpeechSpans, type SpeechSpan } from './speech-spans.ts';
import type { Timeline } from './timeline.ts';

/** How long a disconnected stream's session waits for the media server to reconnect. */
const RECONNECT_GRACE_MS = 30_000;
const PACE_MS = 20;
const PEAKS_MS = 100;
// Periodic work is spread over the ticks (each session has its turn), never done for all at once.
const STATS_EVERY = 10; // peaks ticks: a call's stream figures within a second of a change (state, format, loss)
const COUNTERS_EVERY = 50; // peaks ticks: its frame counters alone every 5 s (at 1000 calls, 200 updates/s, not 1000)
const FLUSH_EVERY = 20; // peaks ticks: each recording reaches the disk every 2 s

/** What a call's last published stream figures were: `version` moves on every change but the frame count. */
export interface StatsFingerprint {
  version: number;
  framesReceived: number;
}

/**
 * Whether a call's stream figures are worth a call.updated: always after a change (state, format,
 * loss), and for a frame count that only grew, when the counters are due.
 */
export function statsDue(last: StatsFingerprint | undefined, now: StatsFingerprint, countersDue: boolean): boolean {
  if (!last || last.version !== now.version) return true;
  return countersDue && last.framesReceived !== now.framesReceived;
}

/** Told when a streamed call's session begins (first connection) and ends (for good). */
export interface SessionHooks {
  started(session: CallSession): void;
  ended(session: CallSession): Promise<void>;
}

export interface SessionManagerDeps {
  /** The calls: a streamed call's stream figures go into every view of it. */
  live: LiveCalls;
  /** Where waveform peaks and fresh stream figures go out. */
  feed: CallFeed;
  /** Where the engine's own events about a call go (stream connects, commands, recordings). */
  timeline: Timeline;
  recordingsDir: string;
  logger: Logger;
  now?: () => number;
}

export class SessionManager implements StreamBinder {
  private readonly live: LiveCalls;
  private readonly feed: CallFeed;
  private readonly timeline: Timeline;
  private readonly recordingsDir: string;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly sessions = new Map<string, CallSession>();
  private readonly closing = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, StatsFingerprint>();
  /** Sessions being ended (bot stopped, recording finalized, last events recorded): stop() waits for them. */
  private readonly ending = new Set<Promise<void>>();
  /** A supervisor's voice on each call, one timeline entry per span rather than per 100 ms piece. */
  private readonly spans = new SpeechSpans((callId, span) => this.recordSpan(callId, span));
  private readonly timers: NodeJS.Timeout[];
  private ticks = 0;
  private stopping = false;
  hooks: SessionHooks | undefined;

  constructor({ live, feed, timeline, recordingsDir, logger, now = Date.now }: SessionManagerDeps) {
    this.live = live;
    this.feed = feed;
    this.timeline = timeline;
    this.recordingsDir = recordingsDir;
    this.logger = logger;
    this.now = now;
    mkdirSync(recordingsDir, { recursive: true, mode: 0o700 }); // recordings, like the stores: this user's only
    live.addOverlay((call) => this.overlay(call));
    feed.subscribe((message) => {
      if (message.type === 'call.updated' && message.call.state === 'ended') this.callEnded(message.call.id);
    });
    // A console that opens now draws each streamed call's last minute at once, then goes on live
    // from where it ends (peaks published later start right after).
    feed.addOpening(() => this.recentPeaks());
    this.timers = [setInterval(() => this.pace(), PACE_MS), setInterval(() => this.publishLive(), PEAKS_MS)];
    for (const timer of this.timers) timer.unref();
  }

  get connectedCount(): number {
    let n = 0;
    for (const session of this.sessions.values()) if (session.connected) n++;
    return n;
  }

  get(callId: string): CallSession | undefined {
    return this.sessions.get(callId);
  }

  /** Pauses or resumes a streamed call's recording (calls/recording-pause.ts); 409 without a live stream. */
  pauseRecording(callId: string, request: RecordingPauseRequest): Promise<{ paused: boolean }> {
    return setRecordingPaused(callId, this.sessions.get(callId), this.timeline, request);
  }

  /** The sessions whose stream is up now. */
  connected(): CallSession[] {
    return [...this.sessions.values()].filter((session) => session.connected);
  }

  // StreamBinder: called by the stream server once a stream names its call.

  bind(providerCallId: string, meta: Readonly<StreamMeta>, link: MediaLink): { sink: StreamSink } | { refused: string } {
    const refused = callIdProblem(providerCallId);
    if (refused) return { refused };
    const callId = callIdFor('ringover', providerCallId);
    const known = this.sessions.get(callId);
    const session = known ?? this.create(callId);
    clearTimeout(this.closing.get(callId));
    this.closing.delete(callId);
    session.attach(link);
    const status = session.status();
    this.timeline.record(callId, {
      type: 'stream',
      providerEvent: 'stream.connected',
      onceKey: `${callId}:${status.connections}:${status.connectedAt}`,
      detail: { stream: status },
      from: meta.from ? { number: meta.from } : undefined,
      to: meta.to ? { number: meta.to } : undefined,
    });
    if (!known) this.hooks?.started(session);
    return {
      sink: {
        audio: (samples, sampleRate) => session.callerAudio(samples, sampleRate),
        outboundAudio: (samples, sampleRate) => session.outboundAudio(samples, sampleRate),
        dtmf: (digit) => this.dtmf(session, digit),
        closed: () => this.closed(session, link),
      },
    };
  }

  private create(callId: string): CallSession {
    const session: CallSession = new CallSession({
      callId,
      // Named by the id → file name mapping: a peer's id never becomes a path of its own.
      recordingPath: recordingFile(this.recordingsDir, callId),
      onError: (error) => this.logger.error('recording failed; the call goes on unrecorded', { callId, error }),
      wire: (command, origin) => this.wire(session, command, origin),
      now: this.now,
    });
    this.sessions.set(callId, session);
    return session;
  }

  dtmf(session: CallSession, digit: string): void {
    this.timeline.record(session.callId, { type: 'other', providerEvent: 'stream.dtmf', detail: { digit } });
  }

  closed(session: CallSession | undefined, link: MediaLink): void {
    if (!session || session.link !== link) return;
    session.detach(link);
    this.spans.end(session.callId);
    const status = session.status();
    this.timeline.record(session.callId, {
      type: 'stream',
      providerEvent: 'stream.disconnected',
      onceKey: `${session.callId}:${status.connections}:${status.updatedAt}`,
      detail: {
        stream: status,
        recording: session.recorder ? { durationSeconds: Math.round(session.recorder.durationSeconds * 10) / 10 } : undefined,
      },
    });
    if (this.stopping) return;
    const call = this.live.get(session.callId);
    const wait = call?.state === 'ended' ? 0 : RECONNECT_GRACE_MS;
    this.closing.set(session.callId, setTimeout(() => void this.end(session.callId), wait).unref());
  }

  /**
   * Runs a command on a live call's media stream, for `origin` (the console's supervisor). Throws
   * ApiError 404 (no such call), 409 (no live stream, or it closed before the send), 400 (audio
   * that cannot be read). A `break` goes through the call's line, as the bot's own do.
   */
  async sendCommand(callId: string, command: LineCommand, origin: CommandOrigin): Promise<CommandResult> {
    const call = this.live.get(callId);
    if (!call) throw new ApiError(404, `no call with id ${callId}`);
    const session = this.sessions.get(callId);
    if (!session?.link) throw lineDown(callId, false);
    if (command.type === 'break') {
      if (!session.line.cut(origin).sent) throw lineDown(callId, true);
      return { sent: true };
    }
    if (command.type === 'streamAudio' && (command.audioDataType === 'raw' || command.audioDataType === 'wav')) {
      const durationMs = session.line.speak(decodeCommandAudio(command.audioDataType, command.audio, command.sampleRate), command.sampleRate, origin);
      if (!session.connected) throw lineDown(callId, true);
      if (origin === 'supervisor') {
        const { audioDataType, sampleRate } = command;
        this.spans.add(callId, this.now(), { durationMs, audioBytes: base64Bytes(command.audio), audioDataType, sampleRate });
      } else this.record(callId, command, origin, durationMs);
      return { sent: true, durationMs: Math.round(durationMs) };
    }
    if (!this.wire(session, command, origin)) throw lineDown(callId, true);
    return { sent: true };
  }

  /**
   * Writes `command` on the call's stream and records it on the timeline; false when the stream is
   * down or stopped reading. Throws ApiError 409 when the stream's dialect has no such command.
   */
  private wire(session: CallSession, command: LineCommand, origin: CommandOrigin): boolean {
    const refused = session.link?.refuses(command);
    if (refused) throw new ApiError(409, `call ${session.callId}: ${refused}`);
    if (!session.link?.send(command)) return false;
    this.record(session.callId, command, origin);
    return true;
  }

  /** The command's event on the call's timeline (audio shown by its size, not its bytes). */
  private record(callId: string, command: LineCommand, origin: CommandOrigin, durationMs?: number): void {
    const { audio, ...shown } = command as LineCommand & { audio?: string };
    this.timeline.record(callId, {
      type: 'command',
      providerEvent: `command.${command.type}`,
      detail: { command: audio === undefined ? shown : { ...shown, audioBytes: base64Bytes(audio), durationMs }, origin, ...(origin === 'supervisor' && { by: actingUser() }) },
    });
  }

  /**
   * Ends the supervisor's span of speech on `callId`, if one is open: they handed the call back
   * or took it over anew. (Leaving the call or muting ends it too, by the pause.)
   */
  endSpeech(callId: string): void {
    this.spans.end(callId);
  }

  /** One span of a supervisor's voice: one `command.streamAudio` entry, dated when it began. */
  private recordSpan(callId: string, span: SpeechSpan): void {
    const { startedAt, endedAt, durationMs, audioBytes, pieces, audioDataType, sampleRate } = span;
    this.timeline.record(callId, {
      type: 'command',
      providerEvent: 'command.streamAudio',
      onceKey: `${callId}:span:${startedAt}`,
      at: startedAt,
      detail: {
        command: { type: 'streamAudio', audioDataType, sampleRate, audioBytes, durationMs: Math.round(durationMs) },
        origin: 'supervisor',
        span: { startedAt: new Date(startedAt).toISOString(), endedAt: new Date(endedAt).toISOString(), pieces },
      },
    });
  }

  /**
   * Records every stream as disconnected and finalizes every recording (engine shutdown). Resolves
   * once every session is over, those already ending included (a call that hung up a moment
   * before), so each one's last events have gone to ingest before the store closes.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const timer of this.closing.values()) clearTimeout(timer);
    this.spans.endAll();
    for (const session of this.sessions.values()) if (session.link) this.closed(session, session.link);
    for (const id of [...this.sessions.keys()]) void this.end(id);
    while (this.ending.size) await Promise.all(this.ending);
  }

  private overlay(call: Call): Call {
    const session = this.sessions.get(call.id);
    if (!session) return call;
    const recording = session.recorder ? { durationSeconds: Math.round(session.recorder.durationSeconds * 10) / 10 } : call.recording;
    return { ...call, stream: session.status(), recording };
  }

  private pace(): void {
    const now = this.now();
    for (const session of this.sessions.values()) if (session.line.busy) session.line.tick(now);
  }

  private publishLive(): void {
    const tick = ++this.ticks;
    if (this.spans.size) this.spans.sweep(this.now());
    const peaks: CallPeaks[] = [];
    let index = 0;
    for (const session of this.sessions.values()) {
      const batch = session.takePeaks();
      if (batch) peaks.push({ callId: session.callId, ...batch });
      if ((index + tick) % FLUSH_EVERY === 0) void session.recorder?.flush();
      if ((index + tick) % STATS_EVERY === 0) this.publishStats(session, (index + tick) % COUNTERS_EVERY === 0);
      index++;
    }
    if (peaks.length) this.feed.publish({ type: 'audio.peaks', calls: peaks });
  }

  /** The recent peaks (≤ 60 s) of every streamed call that has some, as one message; undefined when none has. */
  private recentPeaks(): LiveMessage | undefined {
    const calls: CallPeaks[] = [];
    for (const session of this.sessions.values()) {
      const recent = session.recentPeaks();
      if (recent) calls.push({ callId: session.callId, ...recent });
    }
    return calls.length ? { type: 'audio.peaks', calls } : undefined;
  }

  /** A call.updated with fresh stream figures, when `statsDue` says so. */
  private publishStats(session: CallSession, countersDue: boolean): void {
    const now: StatsFingerprint = { version: session.version, framesReceived: session.framesReceived };
    if (!statsDue(this.published.get(session.callId), now, countersDue)) return;
    this.published.set(session.callId, now);
    this.feed.publishCall(session.callId);
  }

  private callEnded(callId: string): void {
    const session = this.sessions.get(callId);
    if (session && !session.connected) {
      clearTimeout(this.closing.get(callId));
      this.closing.delete(callId);
      void this.end(callId);
    }
  }

  /** Ends a session for good (once; tracked until done, see stop()). */
  private end(callId: string): Promise<void> {
    const session = this.sessions.get(callId);
    if (!session) return Promise.resolve();
    this.spans.end(callId);
    this.sessions.delete(callId);
    this.closing.delete(callId);
    this.published.delete(callId);
    const ending = this.finish(session);
    this.ending.add(ending);
    void ending.finally(() => this.ending.delete(ending));
    return ending;
  }

  private async finish(session: CallSession): Promise<void> {
    const callId = session.callId;
    try {
      await this.hooks?.ended(session);
    } catch (error) {
      this.logger.error('ending the bot failed', { callId, error });
    }
    try {
      const recording = await session.close();
      if (recording) this.timeline.record(callId, { type: 'stream', providerEvent: 'stream.recorded', onceKey: `${callId}:${recording.durationSeconds}`, detail: { recording } });
    } catch (error) {
      this.logger.error('closing the recording failed', { callId, error });
    }
  }
}

/** The size of base64 `text`'s bytes (its padding not counted). */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}
