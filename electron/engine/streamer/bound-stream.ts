// The second phase of a media server connection: bound to its call. Each frame is classified;
// RTP is reordered and placed by its timestamps (rtp-playout.ts), JSON media and raw PCM decoded;
// the caller's audio reaches the call's sink in real time (caller-timeline.ts: a quiet source's
// silence is handed on as the shared clock ticks), the far end's track apart from it, and key
// presses once each. The stream's facts (format, counters) are kept here for the call to read.
// Commands from the call go out through the same object (it is the call's `MediaLink`), in the
// stream's dialect.
import { WebSocket } from 'ws';
import type { ByteOrder } from '../audio/pcm.ts';
import { guardSocket } from '../net/guard.ts';
import { sendBounded, closeReason } from '../net/ws-common.ts';
import type { Logger } from '../log.ts';
import { CallerTimeline, QUIET_AFTER_MS } from './caller-timeline.ts';
import { DialectWriter, refusal, type StreamFormat } from './dialect-wire.ts';
import { FrameDecoder } from './frame-decoder.ts';
import type { FrameClassifier } from './framing.ts';
import type { StartInfo } from './json-frames.ts';
import { LiveFacts } from './live-facts.ts';
import type { CloseCode, LineCommand, MediaLink, StreamBinder, StreamMeta, StreamSink } from './port.ts';
import { RtpPlayout } from './rtp-playout.ts';
import type { StreamClock } from './stream-clock.ts';

/** Past this much unsent to a media server, it is too slow: its socket is closed (1013). */
const MAX_BUFFERED_BYTES = 512 * 1024;

export interface BoundStreamOptions {
  ws: WebSocket;
  /** The connection's classifier (it already read the frames before binding, and keeps its state). */
  classifier: FrameClassifier;
  /** The stream's metadata; start frames update it. */
  meta: StreamMeta;
  /** How the stream's start frame said its audio is written (undefined: defaults). */
  start: Omit<StartInfo, 'meta'> | undefined;
  logger: Logger;
  /** The shared clock: frames' arrival times, and the ticks of a quiet stream. */
  clock: StreamClock;
}

export class BoundStream implements MediaLink {
  readonly facts: LiveFacts;
  private readonly ws: WebSocket;
  private readonly classifier: FrameClassifier;
  private readonly meta: StreamMeta;
  private readonly logger: Logger;
  private readonly clock: StreamClock;
  private readonly rtp: RtpPlayout;
  private readonly caller: CallerTimeline;
  private readonly decoder = new FrameDecoder();
  private readonly writer = new DialectWriter();
  /** How JSON media is written (L16 byte order), and why it cannot be decoded, when it cannot. */
  private order: ByteOrder;
  private undecodable: string | undefined;
  /** Set once, by `bind`, before any frame is handled. */
  private sink!: StreamSink;
  /** The shared clock's tick, guarded like the socket's handlers. */
  readonly tick: (now: number) => void;

  private constructor(options: BoundStreamOptions) {
    this.ws = options.ws;
    this.classifier = options.classifier;
    this.meta = options.meta;
    this.logger = options.logger;
    this.clock = options.clock;
    this.order = options.start?.order ?? 'le';
    this.undecodable = options.start?.undecodable;
    this.caller = new CallerTimeline((samples, rate) => this.sink.audio(samples, rate));
    this.rtp = new RtpPlayout(
      {
        audio: (samples, rate, encoding) => {
          this.facts.format('rtp', encoding, rate);
          this.caller.audio(samples, rate, this.clock.now(), true);
        },
        silence: (samples, rate) => this.caller.silence(samples, rate, this.clock.now()),
        quiet: () => this.caller.quietFrom(this.clock.now()),
        key: (digit) => this.sink.dtmf(digit),
        unplayable: (reason) => this.malformed(reason),
      },
      () => (this.meta.encoding === 'l16' ? (this.meta.sampleRate ?? 16000) : undefined),
    );
    this.facts = new LiveFacts(this.rtp.stats);
    if (options.meta.dialect) this.facts.speaks(options.meta.dialect);
    this.tick = guardSocket(this.ws, this.logger, 'stream tick', (now: number) => this.quietTick(now));
  }

  /** Binds the stream to the call `callId` through `binder`: the stream, or why its id was refused. */
  static bind(callId: string, binder: StreamBinder, options: BoundStreamOptions): BoundStream | { refused: string } {
    const stream = new BoundStream(options);
    const bound = binder.bind(callId, options.meta, stream);
    if ('refused' in bound) return bound;
    stream.sink = bound.sink;
    options.clock.add(stream);
    return stream;
  }

  refuses(command: LineCommand): string | undefined {
    return refusal(this.meta.dialect ?? 'ringover', command);
  }

  send(command: LineCommand): boolean {
    const frames = this.writer.frames(command, this.format());
    // No frame: refused, or speech so short that resampling made no sample of it yet.
    if (frames.length === 0) return command.type === 'streamAudio' && !this.refuses(command) && this.ws.readyState === WebSocket.OPEN;
    for (const frame of frames) if (!sendBounded(this.ws, frame, MAX_BUFFERED_BYTES)) return false;
    return true;
  }

  close(code: CloseCode, reason: string): void {
    this.ws.close(code, closeReason(reason));
  }

  /** One frame from the media server. */
  receive(data: Buffer, isBinary: boolean): void {
    const frame = this.classifier.classify(data, isBinary);
    const facts = this.facts;
    const now = this.clock.now();
    switch (frame.kind) {
      case 'rtp':
        facts.framesReceived++;
        facts.lastFrameAt = now;
        facts.speaks(this.meta.dialect ?? 'ringover');
        this.rtp.push(frame.packet);
        return;
      case 'pcm': {
        facts.framesReceived++;
        facts.lastFrameAt = now;
        const { dialect, sampleRate: rate } = this.format();
        facts.speaks(dialect);
        facts.format('raw', 'l16', rate);
        this.caller.audio(frame.samples, rate, now);
        return;
      }
      case 'media':
        return this.media(frame.payload, frame.track, now);
      case 'start':
        this.started(frame.start);
        return;
      case 'dtmf':
        this.sink.dtmf(frame.digit);
        return;
      case 'stop':
        this.rtp.drain();
        this.caller.stop();
        return;
      case 'error':
        this.logger.repeated('warn', 'the media server reported an error', { callId: this.meta.callId?.slice(0, 100), dialect: this.meta.dialect, message: frame.message });
        return;
      case 'connected':
      case 'ack':
        return;
      case 'malformed':
        this.malformed(frame.reason);
        return;
    }
  }

  /** The socket closed: what the jitter buffer holds is played, then the call is told. */
  end(): void {
    this.clock.delete(this);
    this.rtp.drain();
    this.caller.stop();
    this.sink.closed();
  }

  /** A start frame after binding (a new format, a dialect shown late). */
  private started(start: StartInfo): void {
    applyStart(this.meta, start.meta, this.classifier);
    if (start.meta.dialect) this.facts.speaks(start.meta.dialect);
    this.order = start.order;
    this.undecodable = start.undecodable;
  }

  private media(payload: Uint8Array, track: 'inbound' | 'outbound', now: number): void {
    const facts = this.facts;
    facts.framesReceived++;
    facts.lastFrameAt = now;
    if (this.undecodable) return this.malformed(this.undecodable);
    const { dialect, encoding, sampleRate: rate } = this.format();
    facts.speaks(dialect);
    facts.format('json', encoding, rate);
    const samples = this.decoder.decode(encoding, payload, this.order);
    if (track === 'outbound') this.sink.outboundAudio(samples, rate);
    else this.caller.audio(samples, rate, now);
  }

  private quietTick(now: number): void {
    // A packet still missing after this long is lost: what came after it plays.
    if (this.classifier.rtp && now - (this.facts.lastFrameAt ?? now) >= QUIET_AFTER_MS) this.rtp.drain();
    this.caller.tick(now);
  }

  private malformed(reason: string): void {
    this.facts.framesMalformed++;
    this.logger.repeated('debug', 'stream frame dropped', { callId: this.meta.callId?.slice(0, 100), reason });
  }

  /**
   * How the stream's JSON audio is written, and so its speech back: as its start frame said, else
   * the dialect's default (Vonage 16 kHz L16, Exotel 8 kHz L16, the others 8 kHz μ-law).
   */
  private format(): StreamFormat {
    const dialect = this.meta.dialect ?? 'ringover';
    const encoding = this.meta.encoding ?? (dialect === 'vonage' || dialect === 'exotel' ? 'l16' : 'pcmu');
    return { dialect, streamId: this.meta.streamId, encoding, sampleRate: this.meta.sampleRate ?? (dialect === 'vonage' ? 16000 : 8000), order: this.order };
  }
}

/** A start frame's metadata joins what the stream said before (what it leaves out is kept). */
export function applyStart(meta: StreamMeta, start: StreamMeta, classifier: FrameClassifier): void {
  for (const [key, value] of Object.entries(start) as [keyof StreamMeta, never][]) if (value !== undefined) meta[key] = value;
  if (meta.dialect) classifier.dialect = meta.dialect;
}
