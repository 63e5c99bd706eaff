// A stream's frames, classified. Text frames are JSON in one of the dialects (json-frames.ts).
// Binary frames are RTP v2 or raw 16-bit PCM, and that is decided per stream, not per frame: raw
// PCM can start like an RTP header by chance (quiet audio often does), so the first binary frame
// that parses as audio RTP makes the stream RTP only once the next one confirms it (same source,
// an adjacent sequence number); from then on an odd packet is a bad packet, never raw audio, and a
// new source is a new source, not PCM. A stream whose dialect sends raw PCM (Vonage) is raw.
import { decodePcm16 } from '../audio/pcm.ts';
import type { Dialect } from './port.ts';
import { readTextFrame, type TextFrame } from './json-frames.ts';
import { isAudioPayloadType, parseRtp, type RtpPacket } from './rtp.ts';

export type InboundFrame = { kind: 'rtp'; packet: RtpPacket } | { kind: 'pcm'; samples: Int16Array } | TextFrame;

type BinaryFraming =
  | { name: 'unknown' }
  /** The first binary frame read as RTP; the next one decides. */
  | { name: 'rtp?'; ssrc: number; sequence: number }
  | { name: 'rtp' }
  | { name: 'raw' };

export class FrameClassifier {
  /** The stream's dialect, once a start (or connected) frame showed it. */
  dialect: Dialect | undefined;
  private binaryFraming: BinaryFraming = { name: 'unknown' };

  classify(data: Buffer, isBinary: boolean): InboundFrame {
    if (!isBinary) return readTextFrame(data);
    return this.binary(data);
  }

  /** Whether this stream's binary frames are RTP (decided, or so far). */
  get rtp(): boolean {
    return this.binaryFraming.name === 'rtp' || this.binaryFraming.name === 'rtp?';
  }

  private binary(data: Buffer): InboundFrame {
    const framing = this.binaryFraming;
    if (framing.name === 'raw' || this.dialect === 'vonage') return raw(data);
    const packet = parseRtp(data);
    const audio = packet !== undefined && isAudioPayloadType(packet.payloadType);
    // On an RTP stream every packet counts in its source's sequence (one that cannot be played is
    // dropped after the jitter buffer, counted as malformed, not as lost).
    if (framing.name === 'rtp') return packet ? { kind: 'rtp', packet } : { kind: 'malformed', reason: 'binary frame on an RTP stream is not an RTP packet' };
    if (framing.name === 'rtp?') {
      const step = audio ? (((packet.sequence - framing.sequence + 0x8000) & 0xffff) - 0x8000) : 0;
      if (audio && packet.ssrc === framing.ssrc && step !== 0 && Math.abs(step) <= 3) {
        this.binaryFraming = { name: 'rtp' };
        return { kind: 'rtp', packet };
      }
      this.binaryFraming = { name: 'raw' }; // the first frame only looked like RTP
      return raw(data);
    }
    if (audio) {
      this.binaryFraming = { name: 'rtp?', ssrc: packet.ssrc, sequence: packet.sequence };
      return { kind: 'rtp', packet };
    }
    this.binaryFraming = { name: 'raw' };
    return raw(data);
  }
}

function raw(data: Buffer): InboundFrame {
  if (data.length === 0) return { kind: 'malformed', reason: 'empty binary frame' };
  if (data.length % 2 !== 0) return { kind: 'malformed', reason: 'binary frame is neither RTP nor 16-bit PCM (odd length)' };
  return { kind: 'pcm', samples: decodePcm16(data) };
}
