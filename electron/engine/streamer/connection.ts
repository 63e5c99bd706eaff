// One media server connection: frames in (classified, jitter-buffered, decoded to PCM16 and handed
// to the call's session), commands out. A connection without a call id in its URL waits for the
// start frame that names the call, holding a little audio meanwhile.
import type { WebSocket } from 'ws';
import { ALAW_TO_PCM, decodeG711, ULAW_TO_PCM } from '../audio/g711.ts';
import { callIdProblem } from '../calls/provider-call-id.ts';
import type { CallSession, MediaLink } from '../calls/session.ts';
import type { Logger } from '../log.ts';
import { FrameClassifier, type Encoding, type StreamMeta } from './framing.ts';
import { JitterBuffer, type Playout } from './jitter-buffer.ts';
import { PT_L16_MONO, PT_L16_STEREO, PT_PCMA, PT_PCMU, type RtpPacket } from './rtp.ts';
import { guardSocket } from '../http/guard.ts';
import { sendBounded } from '../http/ws-common.ts';

/** Close codes a media server sees from us. */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  replaced: 4000,
  noCallId: 4002,
  /** The call id cannot be kept (calls/provider-call-id.ts says why, in the reason). */
  badCallId: 4003,
  tooSlow: 1013,
} as const;

const MAX_BUFFERED_BYTES = 512 * 1024;
/** Frames kept while waiting for the start frame that names the call (about 4 s of 20 ms frames). */
const MAX_UNBOUND_FRAMES = 200;

export interface ConnectionHooks {
  /** Joins the call (creating it when no webhook announced it); called once the call id is known. */
  bind(callId: string, meta: StreamMeta, link: MediaLink): CallSession;
  /** The caller pressed a key (reported by the media server). */
  dtmf(session: CallSession, digit: string): void;
  closed(session: CallSession | undefined, link: MediaLink): void;
}

export class StreamConnection implements MediaLink {
  private readonly ws: WebSocket;
  private readonly hooks: ConnectionHooks;
  private readonly logger: Logger;
  private readonly classifier = new FrameClassifier();
  private readonly jitter = new JitterBuffer();
  private readonly meta: StreamMeta;
  private session: CallSession | undefined;
  private unbound: { data: Buffer; isBinary: boolean }[] = [];
  /** The call id was refused: the socket is closing and what still arrives is dropped. */
  private refused = false;
  private samplesPerPacket = 160;
  /** Decoded samples of the frame being handled; sessions copy what they keep. */
  private scratch = new Int16Array(320);
  private rtpSampleRate = 8000;
  private lastJitterLost = 0;
  private lastJitterDuplicates = 0;
  private lastJitterLate = 0;

  constructor(ws: WebSocket, meta: StreamMeta, hooks: ConnectionHooks, logger: Logger) {
    this.ws = ws;
    this.meta = meta;
    this.hooks = hooks;
    this.logger = logger;
    this.classifier.acceptDynamicPayloadTypes = meta.encoding === 'l16';
    // A frame that makes any of this throw closes this stream with 1011; other calls go on. (Socket
    // errors are logged where the socket was accepted.)
    ws.on('message', guardSocket(ws, logger, 'stream frame', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary)));
    ws.on('close', guardSocket(ws, logger, 'stream close', () => this.end()));
    if (meta.callId) this.bindCall(meta.callId);
  }

  send(message: string): boolean {
    return sendBounded(this.ws, message, MAX_BUFFERED_BYTES);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.refused) return;
    if (!this.session) {
      this.waitForCallId(data, isBinary);
      return;
    }
    this.handle(this.session, data, isBinary);
  }

  private waitForCallId(data: Buffer, isBinary: boolean): void {
    const frame = this.classifier.classify(data, isBinary);
    if (frame.kind === 'start' && frame.meta.callId) {
      Object.assign(this.meta, definedOnly(frame.meta));
      this.classifier.acceptDynamicPayloadTypes = this.meta.encoding === 'l16';
      const session = this.bindCall(frame.meta.callId);
      if (!session) return;
      for (const held of this.unbound) this.handle(session, held.data, held.isBinary);
      this.unbound = [];
      return;
    }
    this.unbound.push({ data, isBinary });
    if (this.unbound.length > MAX_UNBOUND_FRAMES) {
      this.close(CLOSE.noCallId, 'no call id: put it in the URL (/stream/{callId}) or send a start frame first');
    }
  }

  /** Joins the call named by the URL or the start frame, or closes with 4003 when its id cannot be kept. */
  private bindCall(callId: string): CallSession | undefined {
    const problem = callIdProblem(callId);
    if (problem) {
      this.refused = true;
      this.unbound = [];
      this.logger.repeated('warn', 'media server refused: unusable call id', { problem, length: callId.length });
      this.close(CLOSE.badCallId, `call id refused: ${problem}`);
      return undefined;
    }
    return (this.session = this.hooks.bind(callId, this.meta, this));
  }

  private handle(session: CallSession, data: Buffer, isBinary: boolean): void {
    const frame = this.classifier.classify(data, isBinary);
    switch (frame.kind) {
      case 'rtp':
        session.countFrame();
        this.jitter.push(frame.packet, this.playout(session));
        this.syncJitterStats(session);
        return;
      case 'pcm': {
        session.countFrame();
        const rate = this.meta.sampleRate ?? 8000;
        session.describeFormat('raw', 'l16', rate);
        session.callerAudio(frame.samples, rate);
        return;
      }
      case 'media': {
        session.countFrame();
        const encoding = this.meta.encoding ?? 'pcmu';
        const rate = this.meta.sampleRate ?? 8000;
        session.describeFormat('json', encoding, rate);
        session.callerAudio(this.decode(encoding, frame.payload, false), rate);
        return;
      }
      case 'start':
        Object.assign(this.meta, definedOnly(frame.meta));
        this.classifier.acceptDynamicPayloadTypes = this.meta.encoding === 'l16';
        return;
      case 'dtmf':
        this.hooks.dtmf(session, frame.digit);
        return;
      case 'stop':
        this.flushJitter(session);
        return;
      case 'connected':
      case 'mark':
        return;
      case 'malformed':
        session.count('framesMalformed');
        this.logger.repeated('debug', 'stream frame dropped', { callId: session.callId, reason: frame.reason });
        return;
    }
  }

  private playRtp(session: CallSession, packet: RtpPacket): void {
    const rate = this.rtpRate(packet);
    const encoding: Encoding = packet.payloadType === PT_PCMU ? 'pcmu' : packet.payloadType === PT_PCMA ? 'pcma' : 'l16';
    session.describeFormat('rtp', encoding, rate);
    let samples = this.decode(encoding, packet.payload, true);
    if (packet.payloadType === PT_L16_STEREO) samples = downmix(samples);
    this.samplesPerPacket = samples.length;
    this.rtpSampleRate = rate;
    session.callerAudio(samples, rate);
  }

  private rtpRate(packet: RtpPacket): number {
    if (packet.payloadType === PT_PCMU || packet.payloadType === PT_PCMA) return 8000;
    if (packet.payloadType === PT_L16_MONO || packet.payloadType === PT_L16_STEREO) return 44100;
    return this.meta.sampleRate ?? 16000;
  }

  private syncJitterStats(session: CallSession): void {
    const { lost, duplicates, late } = this.jitter.stats;
    session.count('framesLost', lost - this.lastJitterLost);
    session.count('duplicates', duplicates - this.lastJitterDuplicates);
    session.count('late', late - this.lastJitterLate);
    this.lastJitterLost = lost;
    this.lastJitterDuplicates = duplicates;
    this.lastJitterLate = late;
  }

  private flushJitter(session: CallSession): void {
    this.jitter.drain(this.playout(session));
    this.syncJitterStats(session);
  }

  private sink: Playout | undefined;
  /** Where the jitter buffer releases audio: the session (made once, reused for every packet). */
  private playout(session: CallSession): Playout {
    return (this.sink ??= {
      packet: (packet) => this.playRtp(session, packet),
      gap: (packets) => session.callerAudio(new Int16Array(packets * this.samplesPerPacket), this.rtpSampleRate),
    });
  }

  /** PCM16 of one frame, in the scratch buffer (valid until the next frame). */
  private decode(encoding: Encoding, payload: Uint8Array, bigEndian: boolean): Int16Array {
    const count = encoding === 'l16' ? payload.byteLength >> 1 : payload.byteLength;
    if (this.scratch.length < count) this.scratch = new Int16Array(count);
    const out = this.scratch.subarray(0, count);
    if (encoding === 'l16') {
      const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, !bigEndian);
    } else {
      decodeG711(payload, encoding === 'pcmu' ? ULAW_TO_PCM : ALAW_TO_PCM, out);
    }
    return out;
  }

  private end(): void {
    if (this.session) this.flushJitter(this.session);
    this.hooks.closed(this.session, this);
  }
}


function downmix(stereo: Int16Array): Int16Array {
  const mono = new Int16Array(stereo.length >> 1);
  for (let i = 0; i < mono.length; i++) mono[i] = (stereo[i * 2]! + stereo[i * 2 + 1]!) >> 1;
  return mono;
}

function definedOnly(meta: StreamMeta): StreamMeta {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
}
