// Commands written in the dialect the stream speaks. The ringover-streamer protocol is the default
// (wire.ts). For the others, `break` is the dialect's clear message and raw speech its media
// frames, resampled to the stream's rate and encoded as the stream's audio is; what a dialect has
// no message for is refused with a sentence that says what to do instead.
//   Twilio (and SignalWire): {"event":"media","streamSid":…,"media":{"payload":…}}, {"event":"clear","streamSid":…}
//   Telnyx: {"event":"media","media":{"payload":…}} (RTP payloads: L16 in network order), {"event":"clear"}
//   Vonage: binary 20 ms frames of 16-bit little-endian PCM, {"action":"clear"}
//   Plivo:  {"event":"playAudio","media":{"contentType":…,"sampleRate":…,"payload":…}}, {"event":"clearAudio","streamId":…},
//           {"event":"sendDTMF","dtmf":"12#"}
//   Exotel: {"event":"media","stream_sid":…,"media":{"payload":…}}, {"event":"clear","stream_sid":…}
import { encodeAlaw, encodeUlaw } from '../audio/g711.ts';
import { decodePcm16, encodePcm16, type ByteOrder } from '../audio/pcm.ts';
import { Resampler } from '../audio/resample.ts';
import type { Dialect, Encoding, LineCommand } from './port.ts';
import { wireMessage } from './wire.ts';

/** How the stream's own audio is written, which outbound speech follows. */
export interface StreamFormat {
  dialect: Dialect;
  streamId: string | undefined;
  encoding: Encoding;
  sampleRate: number;
  /** Of L16 samples. */
  order: ByteOrder;
}

const NAMES: Record<Dialect, string> = {
  ringover: 'the ringover-streamer protocol',
  twilio: 'Twilio Media Streams',
  telnyx: 'Telnyx media streaming',
  vonage: 'Vonage WebSockets',
  plivo: 'Plivo audio streams',
  exotel: 'Exotel voicebot streams',
};

/** Why `dialect` cannot carry `command` (a sentence), or undefined when it can. */
export function refusal(dialect: Dialect, command: LineCommand): string | undefined {
  if (dialect === 'ringover') return undefined;
  const name = NAMES[dialect];
  switch (command.type) {
    case 'break':
      return undefined;
    case 'streamAudio':
      return command.audioDataType === 'mp3' || command.audioDataType === 'ogg'
        ? `the stream speaks ${name}, which takes raw audio only: send streamAudio as raw or wav`
        : undefined;
    case 'play':
      return `the stream speaks ${name}, which cannot play a file from a URL: send the audio with streamAudio (raw or wav)`;
    case 'digits':
      return dialect === 'plivo' ? undefined : `the stream speaks ${name}, which has no message to send DTMF: send the digits with the provider's call API`;
    case 'transfer':
      return `the stream speaks ${name}, which has no message to transfer a call: transfer it with the provider's call API`;
  }
}

/** One stream's outbound writer: it keeps the resampling state between speech chunks. */
export class DialectWriter {
  private resampler: Resampler | undefined;

  /**
   * The frames that carry `command` on a stream of `format` (text frames as strings, binary as
   * Buffers); none when the dialect refuses it (see `refusal`). `streamAudio` must be raw here:
   * the calls decode wav before it reaches the line.
   */
  frames(command: LineCommand, format: StreamFormat): (string | Buffer)[] {
    const { dialect } = format;
    if (dialect === 'ringover') return [wireMessage(command)];
    if (refusal(dialect, command)) return [];
    if (command.type === 'break') {
      this.resampler = undefined; // what it still held belonged to the speech just cut
      return [clearMessage(format)];
    }
    if (command.type === 'digits') return [JSON.stringify({ event: 'sendDTMF', dtmf: command.digits })];
    if (command.type !== 'streamAudio' || command.audioDataType !== 'raw') return [];
    const pcm = this.resample(decodePcm16(Buffer.from(command.audio, 'base64')), command.sampleRate, format.sampleRate);
    if (pcm.length === 0) return [];
    if (dialect === 'vonage') return vonageFrames(pcm, format.sampleRate);
    return [mediaMessage(format, Buffer.from(encodeAudio(pcm, format)).toString('base64'))];
  }

  private resample(pcm: Int16Array, from: number, to: number): Int16Array {
    if (from === to) return pcm;
    if (this.resampler?.from !== from || this.resampler.to !== to) this.resampler = new Resampler(from, to);
    return this.resampler.push(pcm);
  }
}

function clearMessage({ dialect, streamId }: StreamFormat): string {
  switch (dialect) {
    case 'vonage':
      return JSON.stringify({ action: 'clear' });
    case 'plivo':
      return JSON.stringify({ event: 'clearAudio', streamId });
    case 'exotel':
      return JSON.stringify({ event: 'clear', stream_sid: streamId });
    case 'telnyx':
      return JSON.stringify({ event: 'clear' });
    default:
      return JSON.stringify({ event: 'clear', streamSid: streamId });
  }
}

function mediaMessage({ dialect, streamId, encoding, sampleRate }: StreamFormat, payload: string): string {
  switch (dialect) {
    case 'plivo':
      return JSON.stringify({ event: 'playAudio', media: { contentType: encoding === 'l16' ? 'audio/x-l16' : encoding === 'pcma' ? 'audio/x-alaw' : 'audio/x-mulaw', sampleRate, payload } });
    case 'exotel':
      return JSON.stringify({ event: 'media', stream_sid: streamId, media: { payload } });
    case 'telnyx':
      return JSON.stringify({ event: 'media', media: { payload } });
    default:
      return JSON.stringify({ event: 'media', streamSid: streamId, media: { payload } });
  }
}

function encodeAudio(pcm: Int16Array, { encoding, order }: StreamFormat): Uint8Array {
  if (encoding === 'pcmu') return encodeUlaw(pcm);
  if (encoding === 'pcma') return encodeAlaw(pcm);
  const bytes = Buffer.from(encodePcm16(pcm)); // a copy: the samples' buffer is not ours
  if (order === 'be') bytes.swap16();
  return bytes;
}

/** Vonage plays whole 20 ms frames only: the last one is padded with silence. */
function vonageFrames(pcm: Int16Array, sampleRate: number): Buffer[] {
  const frame = sampleRate / 50;
  const frames: Buffer[] = [];
  for (let at = 0; at < pcm.length; at += frame) {
    const samples = new Int16Array(frame);
    samples.set(pcm.subarray(at, at + frame));
    frames.push(Buffer.from(encodePcm16(samples)));
  }
  return frames;
}
