// JSON text frames of every media-stream dialect Ringside understands, read into one shape. The
// dialect shows in the first frames: Twilio's `start` (also SignalWire's) has `start.mediaFormat`
// and a `streamSid`; Telnyx's has `start.media_format` and a `stream_id`; Exotel's
// `start.media_format` and a `stream_sid`; Plivo's `start.callId`, `start.streamId` and
// `start.mediaFormat`; Vonage opens with `websocket:connected` and its `content-type`; a start frame
// with its fields at the top is the ringover-streamer's generic one.
//   Twilio: https://www.twilio.com/docs/voice/media-streams/websocket-messages
//   Telnyx: https://developers.telnyx.com/docs/voice/programmable-voice/media-streaming
//   Vonage: https://developer.vonage.com/en/voice/voice-api/concepts/websockets
//   Plivo:  https://www.plivo.com/docs/voice/audio-streaming/audio-streaming
//   Exotel: https://developer.exotel.com/docs/agentstream/websocket-protocol
import type { ByteOrder } from '../audio/pcm.ts';
import { parsePeerJson } from '../json/peer-json.ts';
import type { Dialect, Encoding, StreamMeta } from './port.ts';

/** What a start (or Vonage connected) frame says: the metadata, and how its audio is written. */
export interface StartInfo {
  meta: StreamMeta;
  /** Byte order of L16 payloads: Telnyx sends RTP payloads (network order), the others little-endian. */
  order: ByteOrder;
  /** Set when the stream announced an encoding Ringside cannot decode (its media frames are then dropped, counted). */
  undecodable?: string;
}

export type TextFrame =
  | { kind: 'start'; start: StartInfo }
  | { kind: 'connected' }
  | { kind: 'media'; payload: Uint8Array; track: 'inbound' | 'outbound' }
  | { kind: 'dtmf'; digit: string }
  | { kind: 'stop' }
  /** Answers to what Ringside sent (Twilio/Telnyx/Exotel `mark`, Plivo `playedStream`/`clearedAudio`, Vonage `websocket:notify`/`websocket:cleared`). */
  | { kind: 'ack' }
  /** The media server reports an error of its own (Telnyx `error`, Vonage `websocket:error`). */
  | { kind: 'error'; message: string }
  | { kind: 'malformed'; reason: string };

/** Encoding names as the dialects write them (parameters after `;` are read separately). */
const ENCODINGS: Record<string, Encoding> = {
  'audio/x-mulaw': 'pcmu', 'audio/mulaw': 'pcmu', 'audio/pcmu': 'pcmu', mulaw: 'pcmu', ulaw: 'pcmu', pcmu: 'pcmu', g711u: 'pcmu', 'g711_ulaw': 'pcmu',
  'audio/x-alaw': 'pcma', 'audio/alaw': 'pcma', 'audio/pcma': 'pcma', alaw: 'pcma', pcma: 'pcma', g711a: 'pcma', 'g711_alaw': 'pcma',
  l16: 'l16', 'audio/l16': 'l16', 'audio/x-l16': 'l16', linear16: 'l16', pcm: 'l16', pcm16: 'l16', raw: 'l16', slin: 'l16', slin16: 'l16',
  // Exotel: raw/slin 16-bit little-endian PCM, named `audio/x-raw` (older docs: `base64`).
  'audio/x-raw': 'l16', base64: 'l16',
};

/** The encoding a dialect's (or a URL's) name stands for, e.g. `audio/x-mulaw`, `PCMA`, `L16`; undefined when unknown. */
export const encodingNamed = (name: string): Encoding | undefined => ENCODINGS[name.trim().toLowerCase()];

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Reads one text frame; never throws. */
export function readTextFrame(data: Buffer): TextFrame {
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
      return { kind: 'start', start: startInfo(message) };
    case 'websocket:connected':
      return { kind: 'start', start: vonageConnected(message) };
    case 'media': {
      const media = obj(message.media);
      const payload = str(media?.payload) ?? str(message.payload);
      if (!payload) return { kind: 'malformed', reason: 'media frame without payload' };
      // Twilio and Plivo say `inbound`/`outbound`; Telnyx and Exotel may say `inbound_track`.
      const track = (str(media?.track) ?? 'inbound').toLowerCase().startsWith('outbound') ? 'outbound' : 'inbound';
      return { kind: 'media', payload: Buffer.from(payload, 'base64'), track };
    }
    case 'dtmf':
    case 'websocket:dtmf': {
      const digit = str(obj(message.dtmf)?.digit) ?? str(message.digit);
      return digit ? { kind: 'dtmf', digit } : { kind: 'malformed', reason: 'dtmf frame without digit' };
    }
    case 'stop':
      return { kind: 'stop' };
    case 'mark':
    case 'playedStream':
    case 'clearedAudio':
    case 'websocket:notify':
    case 'websocket:cleared':
      return { kind: 'ack' };
    case 'error':
    case 'websocket:error': {
      const payload = obj(message.payload);
      const text = str(payload?.detail) ?? str(payload?.title) ?? str(message.message) ?? str(message.reason) ?? 'no details';
      return { kind: 'error', message: text.slice(0, 300) };
    }
    default:
      return { kind: 'malformed', reason: `unknown JSON frame${event ? ` "${event.slice(0, 50)}"` : ''}` };
  }
}

/** Which dialect a start frame is, by its shape (see the file's head). */
function dialectOf(message: Record<string, unknown>, start: Record<string, unknown> | undefined): Dialect {
  if (!start) return 'ringover';
  if (start.media_format !== undefined) {
    if (str(message.stream_sid) ?? str(start.stream_sid) ?? str(start.call_sid)) return 'exotel';
    return 'telnyx';
  }
  if (str(start.callId) && (str(start.streamId) ?? str(message.streamId))) return 'plivo';
  if (start.mediaFormat !== undefined || str(start.streamSid) || str(message.streamSid) || str(start.callSid)) return 'twilio';
  return 'ringover';
}

/** Reads a dialect's `start` frame, or a generic one (fields at the top). */
function startInfo(message: Record<string, unknown>): StartInfo {
  const start = obj(message.start);
  const dialect = dialectOf(message, start);
  const inner = start ?? {};
  const custom = obj(inner.customParameters) ?? obj(inner.custom_parameters) ?? obj(message.customParameters) ?? {};
  const formatField = inner.mediaFormat ?? inner.media_format ?? message.mediaFormat ?? message.format;
  const format = obj(formatField) ?? {};
  const field = (...keys: string[]) => {
    for (const source of [message, inner, custom, format]) {
      for (const key of keys) {
        const value = str(source[key]);
        if (value !== undefined) return value;
      }
    }
    return undefined;
  };
  const meta: StreamMeta = {
    callId: field('call_id', 'callId', 'callid', 'callSid', 'call_sid', 'call_control_id'),
    streamId: field('streamSid', 'stream_sid', 'stream_id', 'streamId'),
    from: field('from', 'from_number', 'caller'),
    to: field('to', 'to_number', 'callee'),
    dialect,
  };
  // Plivo may give the format as one string: "audio/x-l16;rate=16000".
  const encodingName = typeof formatField === 'string' ? formatField : field('encoding', 'codec', 'audioFormat', 'audio_format');
  return withFormat(meta, encodingName, field('sampleRate', 'sample_rate', 'rate'), dialect === 'telnyx' ? 'be' : 'le');
}

/** Vonage's first frame: `{"event":"websocket:connected","content-type":"audio/l16;rate=16000", …headers}`. */
function vonageConnected(message: Record<string, unknown>): StartInfo {
  const meta: StreamMeta = { dialect: 'vonage' };
  const callId = str(message.call_id) ?? str(message.callId) ?? str(message['call-id']);
  if (callId) meta.callId = callId;
  return withFormat(meta, str(message['content-type']) ?? 'audio/l16;rate=16000', undefined, 'le');
}

/** The encoding and rate from a name like `audio/l16;rate=16000` and an optional rate field. */
function withFormat(meta: StreamMeta, encodingName: string | undefined, rateField: string | undefined, order: ByteOrder): StartInfo {
  const info: StartInfo = { meta, order };
  if (encodingName) {
    const [name = '', ...params] = encodingName.toLowerCase().split(';').map((part) => part.trim());
    const encoding = encodingNamed(name);
    if (encoding) meta.encoding = encoding;
    else info.undecodable = `the stream's audio is ${encodingName.slice(0, 40)}, which Ringside does not decode (use PCMU, PCMA or L16)`;
    rateField ??= params.find((p) => p.startsWith('rate='))?.slice(5);
  }
  const rate = Number(rateField);
  if (Number.isFinite(rate) && rate >= 8000 && rate <= 48000) meta.sampleRate = rate;
  else if (meta.dialect === 'vonage') meta.sampleRate = 16000;
  return info;
}
