// Inbound frames are not documented by the provider, so each one is recognised on its own:
// binary RTP v2, binary raw L16 PCM, Twilio-style JSON (connected/start/media/dtmf/mark/stop) or a
// generic JSON start frame. Anything else is reported as malformed, never thrown.
import { decodePcm16 } from '../audio/pcm.ts';
import { parsePeerJson } from '../json/peer-json.ts';
import type { Encoding, StreamMeta } from './port.ts';
import { isKnownPayloadType, parseRtp, type RtpPacket } from './rtp.ts';

export type InboundFrame =
  | { kind: 'rtp'; packet: RtpPacket }
  | { kind: 'pcm'; samples: Int16Array }
  | { kind: 'connected' }
  | { kind: 'start'; meta: StreamMeta }
  | { kind: 'media'; payload: Uint8Array }
  | { kind: 'dtmf'; digit: string }
  | { kind: 'mark'; name: string }
  | { kind: 'stop' }
  | { kind: 'malformed'; reason: string };

const ENCODINGS: Record<string, Encoding> = {
  'audio/x-mulaw': 'pcmu',
  mulaw: 'pcmu',
  ulaw: 'pcmu',
  pcmu: 'pcmu',
  'g711u': 'pcmu',
  'audio/x-alaw': 'pcma',
  alaw: 'pcma',
  pcma: 'pcma',
  'g711a': 'pcma',
  l16: 'l16',
  'audio/l16': 'l16',
  linear16: 'l16',
  pcm: 'l16',
  pcm16: 'l16',
  raw: 'l16',
};

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * Classifies the frames of one stream. Raw PCM can look like RTP by chance, so once a stream has
 * shown its RTP source (SSRC), only packets from that source count as RTP; and a stream that has
 * been sending raw PCM needs a clean, known-payload RTP packet to be read as RTP.
 */
export class FrameClassifier {
  /** Dynamic RTP payload types (96–127) count only once the stream announced L16 audio. */
  acceptDynamicPayloadTypes = false;
  private ssrc: number | undefined;
  private rawFrames = 0;

  classify(data: Buffer, isBinary: boolean): InboundFrame {
    return isBinary ? this.binary(data) : this.text(data);
  }

  private binary(data: Buffer): InboundFrame {
    const packet = parseRtp(data);
    if (packet && isKnownPayloadType(packet.payloadType) && (packet.payloadType < 96 || this.acceptDynamicPayloadTypes)) {
      const fromOurSource = this.ssrc === undefined ? this.rawFrames === 0 : packet.ssrc === this.ssrc;
      if (fromOurSource) {
        this.ssrc = packet.ssrc;
        return { kind: 'rtp', packet };
      }
    }
    if (data.length % 2 !== 0) return { kind: 'malformed', reason: 'binary frame is neither RTP nor 16-bit PCM (odd length)' };
    if (data.length === 0) return { kind: 'malformed', reason: 'empty binary frame' };
    this.rawFrames++;
    return { kind: 'pcm', samples: decodePcm16(data) };
  }

  private text(data: Buffer): InboundFrame {
    let message: Record<string, unknown> | undefined;
    try {
      // Within the depth and size limits; a media server's odd duplicate key costs no audio.
      message = obj(parsePeerJson(data.toString('utf8'), { refuseDuplicateKeys: false }));
    } catch (error) {
      return { kind: 'malformed', reason: `text frame is not JSON within limits: ${(error as Error).message}` };
    }
    if (!message) return { kind: 'malformed', reason: 'JSON frame is not an object' };
    const event = str(message.event) ?? str(message.type);
    switch (event) {
      case 'connected':
        return { kind: 'connected' };
      case 'start':
        return { kind: 'start', meta: startMeta(message) };
      case 'media': {
        const payload = str(obj(message.media)?.payload) ?? str(message.payload);
        if (!payload) return { kind: 'malformed', reason: 'media frame without payload' };
        return { kind: 'media', payload: Buffer.from(payload, 'base64') };
      }
      case 'dtmf': {
        const digit = str(obj(message.dtmf)?.digit) ?? str(message.digit);
        return digit ? { kind: 'dtmf', digit } : { kind: 'malformed', reason: 'dtmf frame without digit' };
      }
      case 'mark':
        return { kind: 'mark', name: str(obj(message.mark)?.name) ?? str(message.name) ?? '' };
      case 'stop':
        return { kind: 'stop' };
      default:
        return { kind: 'malformed', reason: `unknown JSON frame${event ? ` "${event}"` : ''}` };
    }
  }
}

/** Reads a Twilio `start` (fields under `start`) or a generic one (fields at the top). */
function startMeta(message: Record<string, unknown>): StreamMeta {
  const start = obj(message.start) ?? {};
  const custom = obj(start.customParameters) ?? obj(message.customParameters) ?? {};
  const format = obj(start.mediaFormat) ?? obj(message.mediaFormat) ?? obj(message.format) ?? {};
  const field = (...keys: string[]) => {
    for (const source of [message, start, custom, format]) {
      for (const key of keys) {
        const value = str(source[key]);
        if (value !== undefined) return value;
      }
    }
    return undefined;
  };
  const encodingName = field('encoding', 'codec', 'audioFormat', 'audio_format')?.toLowerCase();
  const rate = Number(field('sampleRate', 'sample_rate', 'rate'));
  const meta: StreamMeta = {
    callId: field('call_id', 'callId', 'callid', 'callSid'),
    streamId: field('streamSid', 'stream_id', 'streamId'),
    from: field('from', 'from_number', 'caller'),
    to: field('to', 'to_number', 'callee'),
  };
  if (encodingName && ENCODINGS[encodingName]) meta.encoding = ENCODINGS[encodingName];
  if (Number.isFinite(rate) && rate >= 8000 && rate <= 48000) meta.sampleRate = rate;
  return meta;
}
