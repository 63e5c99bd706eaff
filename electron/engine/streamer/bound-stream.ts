// The second phase of a media server connection: bound to its call. Each frame is classified,
// RTP is reordered by the jitter buffer, audio is decoded to PCM16 and pushed into the call's sink
// (one call per frame), and the stream's facts (format, counters) are kept here for the call to
// read. Commands from the call go out through the same object (it is the call's `MediaLink`).
import type { WebSocket } from 'ws';
import { ALAW_TO_PCM, decodeG711, ULAW_TO_PCM } from '../audio/g711.ts';
import { decodePcm16, downmix, type ByteOrder } from '../audio/pcm.ts';
import { sendBounded, closeReason } from '../net/ws-common.ts';
import type { Logger } from '../log.ts';
import type { FrameClassifier } from './framing.ts';
import { JitterBuffer, type JitterStats, type Playout } from './jitter-buffer.ts';
import type { CloseCode, Encoding, Framing, LineCommand, MediaLink, StreamBinder, StreamFacts, StreamMeta, StreamSink } from './port.ts';
import { PT_L16_MONO, PT_L16_STEREO, PT_PCMA, PT_PCMU, type RtpPacket } from './rtp.ts';
import { wireMessage } from './wire.ts';

/** Past this much unsent to a media server, it is too slow: its socket is closed (1013). */
const MAX_BUFFERED_BYTES = 512 * 1024;

/** A stream's facts, as the streamer updates them: the jitter buffer's counters are read, not copied. */
class LiveFacts implements StreamFacts {
  framing: Framing | undefined;
  encoding: Encoding | undefined;
  sampleRate: number | undefined;
  framesReceived = 0;
  framesMalformed = 0;
  lastFrameAt: number | undefined;
  private formats = 0;
  private readonly jitter: JitterStats;

  constructor(jitter: JitterStats) {
    this.jitter = jitter;
  }

  get framesLost(): number {
    return this.jitter.lost;
  }
  get duplicates(): number {
    return this.jitter.duplicates;
  }
  get late(): number {
    return this.jitter.late;
  }
  get changes(): number {
    return this.formats + this.framesMalformed + this.jitter.lost + this.jitter.duplicates + this.jitter.late;
  }

  /** The audio now arriving is framed, encoded and timed so; cheap when nothing changed. */
  format(framing: Framing, encoding: Encoding, sampleRate: number): void {
    if (framing === this.framing && encoding === this.encoding && sampleRate === this.sampleRate) return;
    this.framing = framing;
    this.encoding = encoding;
    this.sampleRate = sampleRate;
    this.formats++;
  }
}

export interface BoundStreamOptions {
  ws: WebSocket;
  /** The connection's classifier (it already read the frames before binding, and keeps its state). */
  classifier: FrameClassifier;
  /** The stream's metadata; start frames update it. */
  meta: StreamMeta;
  logger: Logger;
  /** Milliseconds since the epoch (frames' arrival times). */
  now: () => number;
}

export class BoundStream implements MediaLink {
  readonly facts: LiveFacts;
  private readonly ws: WebSocket;
  private readonly classifier: FrameClassifier;
  private readonly meta: StreamMeta;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly jitter = new JitterBuffer();
  private readonly playout: Playout = {
    packet: (packet) => this.playRtp(packet),
    gap: (packets) => this.sink.audio(new Int16Array(packets * this.samplesPerPacket), this.rtpSampleRate),
  };
  /** Set once, by `bind`, before any frame is handled. */
  private sink!: StreamSink;
  private samplesPerPacket = 160;
  private rtpSampleRate = 8000;
  /** Decoded samples of the frame being handled; the sink copies what it keeps. */
  private scratch = new Int16Array(320);

  private constructor(options: BoundStreamOptions) {
    this.ws = options.ws;
    this.classifier = options.classifier;
    this.meta = options.meta;
    this.logger = options.logger;
    this.now = options.now;
    this.facts = new LiveFacts(this.jitter.stats);
  }

  /** Binds the stream to the call `callId` through `binder`: the stream, or why its id was refused. */
  static bind(callId: string, binder: StreamBinder, options: BoundStreamOptions): BoundStream | { refused: string } {
    const stream = new BoundStream(options);
    const bound = binder.bind(callId, options.meta, stream);
    if ('refused' in bound) return bound;
    stream.sink = bound.sink;
    return stream;
  }

  send(command: LineCommand): boolean {
    return sendBounded(this.ws, wireMessage(command), MAX_BUFFERED_BYTES);
  }

  close(code: CloseCode, reason: string): void {
    this.ws.close(code, closeReason(reason));
  }

  /** One frame from the media server. */
  receive(data: Buffer, isBinary: boolean): void {
    const frame = this.classifier.classify(data, isBinary);
    const facts = this.facts;
    switch (frame.kind) {
      case 'rtp':
        facts.framesReceived++;
        facts.lastFrameAt = this.now();
        this.jitter.push(frame.packet, this.playout);
        return;
      case 'pcm': {
        facts.framesReceived++;
        facts.lastFrameAt = this.now();
        const rate = this.meta.sampleRate ?? 8000;
        facts.format('raw', 'l16', rate);
        this.sink.audio(frame.samples, rate);
        return;
      }
      case 'media': {
        facts.framesReceived++;
        facts.lastFrameAt = this.now();
        const encoding = this.meta.encoding ?? 'pcmu';
        const rate = this.meta.sampleRate ?? 8000;
        facts.format('json', encoding, rate);
        this.sink.audio(this.decode(encoding, frame.payload, 'le'), rate);
        return;
      }
      case 'start':
        applyStart(this.meta, frame.meta, this.classifier);
        return;
      case 'dtmf':
        this.sink.dtmf(frame.digit);
        return;
      case 'stop':
        this.jitter.drain(this.playout);
        return;
      case 'connected':
      case 'mark':
        return;
      case 'malformed':
        facts.framesMalformed++;
        this.logger.repeated('debug', 'stream frame dropped', { callId: this.meta.callId?.slice(0, 100), reason: frame.reason });
        return;
    }
  }

  /** The socket closed: what the jitter buffer holds is played, then the call is told. */
  end(): void {
    this.jitter.drain(this.playout);
    this.sink.closed();
  }

  private playRtp(packet: RtpPacket): void {
    const rate = this.rtpRate(packet);
    const encoding: Encoding = packet.payloadType === PT_PCMU ? 'pcmu' : packet.payloadType === PT_PCMA ? 'pcma' : 'l16';
    this.facts.format('rtp', encoding, rate);
    let samples = this.decode(encoding, packet.payload, 'be');
    if (packet.payloadType === PT_L16_STEREO) samples = downmix(samples, 2);
    this.samplesPerPacket = samples.length;
    this.rtpSampleRate = rate;
    this.sink.audio(samples, rate);
  }

  private rtpRate(packet: RtpPacket): number {
    if (packet.payloadType === PT_PCMU || packet.payloadType === PT_PCMA) return 8000;
    if (packet.payloadType === PT_L16_MONO || packet.payloadType === PT_L16_STEREO) return 44100;
    return this.meta.sampleRate ?? 16000;
  }

  /** PCM16 of one frame, in the scratch buffer (valid until the next frame). `order`: of L16 payloads. */
  private decode(encoding: Encoding, payload: Uint8Array, order: ByteOrder): Int16Array {
    const count = encoding === 'l16' ? payload.byteLength >> 1 : payload.byteLength;
    if (this.scratch.length < count) this.scratch = new Int16Array(count);
    if (encoding === 'l16') return decodePcm16(payload, order, this.scratch);
    return decodeG711(payload, encoding === 'pcmu' ? ULAW_TO_PCM : ALAW_TO_PCM, this.scratch.subarray(0, count));
  }
}

/** A start frame's metadata joins what the stream said before (what it leaves out is kept). */
export function applyStart(meta: StreamMeta, start: StreamMeta, classifier: FrameClassifier): void {
  for (const [key, value] of Object.entries(start) as [keyof StreamMeta, never][]) if (value !== undefined) meta[key] = value;
  classifier.acceptDynamicPayloadTypes = meta.encoding === 'l16';
}
