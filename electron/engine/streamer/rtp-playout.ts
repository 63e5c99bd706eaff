// One stream's RTP, as PBXes, SBCs and carriers send it, turned into the caller's audio: packets
// reordered (jitter buffer), then each by its payload type — G.711 and L16 decoded and placed by
// their RTP timestamp (RFC 3550 §5.1: gaps from lost packets or silence suppression become
// silence of the right length), comfort noise (RFC 3389) a silence that lasts until the next
// packet says, telephone events (RFC 4733) key presses and never audio. A new SSRC (a transfer, a
// re-INVITE) or a timestamp jump starts a new timeline instead of a gap; a source that was
// replaced does not take the stream back with a stray late packet.
import { downmix } from '../audio/pcm.ts';
import { FrameDecoder } from './frame-decoder.ts';
import { JitterBuffer, type JitterStats } from './jitter-buffer.ts';
import type { Encoding } from './port.ts';
import { isDynamicPayloadType, PT_CN, PT_CN_OLD, PT_L16_MONO, PT_L16_STEREO, PT_PCMA, PT_PCMU, type RtpPacket } from './rtp.ts';
import { KeyPresses, parseToneEvents } from './telephone-events.ts';

/** Where one stream's RTP goes once played. */
export interface RtpOutput {
  /** Decoded audio of the current source, in order. */
  audio(samples: Int16Array, sampleRate: number, encoding: Encoding): void;
  /** `samples` of silence at `sampleRate` before the next audio (the timestamps say so). */
  silence(samples: number, sampleRate: number): void;
  /** Comfort noise began: the caller is quiet from now on (RFC 3389 §4). */
  quiet(): void;
  /** A key press, once. */
  key(digit: string): void;
  /** A packet that could not be played (an audio format Ringside does not decode, a bad event). */
  unplayable(reason: string): void;
}

/** What a dynamic payload type (96–127) carries on this stream, learned from its first packet. */
type DynamicRole = 'event' | 'cn' | 'l16';

/** Packets from a replaced source in a row that make it the source again (a transfer back). */
const RETAKE_AFTER = 3;

export class RtpPlayout {
  private readonly jitter = new JitterBuffer();
  private readonly out: RtpOutput;
  private readonly l16Rate: () => number | undefined;
  private readonly decoder = new FrameDecoder();
  private readonly keys = new KeyPresses();
  private readonly dynamic = new Map<number, DynamicRole>();
  /** The source whose audio plays, and the one it replaced. */
  private source: number | undefined;
  private retired: number | undefined;
  private retiredInARow = 0;
  /** RTP timestamp the next audio sample should carry, of which source, at which clock rate. */
  private next: number | undefined;
  private timed: number | undefined;
  private clockRate = 8000;
  /** Released packets go here (bound once: this runs per packet). */
  private readonly playout = { packet: (packet: RtpPacket) => this.play(packet), gap: () => {} };

  /** `l16Rate`: the rate the stream announced for L16 audio, when it did (dynamic types carry it then). */
  constructor(out: RtpOutput, l16Rate: () => number | undefined) {
    this.out = out;
    this.l16Rate = l16Rate;
  }

  get stats(): JitterStats {
    return this.jitter.stats;
  }

  push(packet: RtpPacket): void {
    if (packet.ssrc !== this.source && this.role(packet) === 'event') {
      // Some gateways send key presses from a source of their own: they never take the audio's place.
      this.jitter.stats.received++;
      return this.event(packet);
    }
    if (packet.ssrc === this.retired) {
      if (++this.retiredInARow < RETAKE_AFTER) {
        this.jitter.stats.received++;
        this.jitter.stats.late++;
        return;
      }
      this.retired = undefined;
    } else if (packet.ssrc === this.source) {
      this.retiredInARow = 0;
    }
    if (this.source !== undefined && packet.ssrc !== this.source) {
      this.retired = this.source;
      this.retiredInARow = 0;
    }
    this.source = packet.ssrc;
    this.jitter.push(packet, this.playout);
  }

  /** Plays what the jitter buffer still holds (the stream went quiet or ended). */
  drain(): void {
    this.jitter.drain(this.playout);
  }

  private play(packet: RtpPacket): void {
    const pt = packet.payloadType;
    if (pt === PT_PCMU) return this.audio(packet, 'pcmu', 8000, 1);
    if (pt === PT_PCMA) return this.audio(packet, 'pcma', 8000, 1);
    if (pt === PT_L16_MONO || pt === PT_L16_STEREO) return this.audio(packet, 'l16', 44100, pt === PT_L16_STEREO ? 2 : 1);
    if (pt === PT_CN || pt === PT_CN_OLD) return this.comfortNoise(packet);
    const role = this.role(packet);
    if (!role) return this.out.unplayable(`RTP payload type ${pt} is not an audio format Ringside decodes (G.711 or L16)`);
    if (role === 'event') return this.event(packet);
    if (role === 'cn') return this.comfortNoise(packet);
    const rate = this.l16Rate();
    if (role === 'l16' && rate !== undefined) return this.audio(packet, 'l16', rate, 1);
    this.out.unplayable(`RTP payload type ${pt} carries audio in a format the stream did not announce (say ?encoding=l16&sample_rate=16000 for L16)`);
  }

  /**
   * What a dynamic type carries, learned from its first packet's payload size: telephone events
   * are 4-byte reports (RFC 4733 §2.3), comfort noise a level and at most 10 coefficients (RFC 3389
   * §3), anything larger audio. Undefined for a static type.
   */
  private role(packet: RtpPacket): DynamicRole | undefined {
    const pt = packet.payloadType;
    if (!isDynamicPayloadType(pt)) return undefined;
    let role = this.dynamic.get(pt);
    if (role) return role;
    const length = packet.payload.length;
    role = length > 0 && length % 4 === 0 && length <= 16 ? 'event' : length <= 11 ? 'cn' : 'l16';
    this.dynamic.set(pt, role);
    return role;
  }

  private audio(packet: RtpPacket, encoding: Encoding, rate: number, channels: number): void {
    // L16 in RTP is in network byte order (RFC 3551 §4.5.11).
    let samples = this.decoder.decode(encoding, packet.payload, 'be');
    if (channels > 1) samples = downmix(samples, channels);
    const frames = samples.length;
    if (frames === 0) return;
    const offset = this.offset(packet, rate);
    if (offset > 0) this.out.silence(offset, rate);
    else if (offset < 0 && -offset < frames) samples = samples.subarray(-offset); // overlaps what played
    // (further back: the source restarted its timestamps; it plays, and its time is followed from here)
    this.next = (packet.timestamp + frames) >>> 0;
    this.out.audio(samples, rate, encoding);
  }

  private comfortNoise(packet: RtpPacket): void {
    // The noise level (payload[0], −dBov) is rendered as silence: the recording stays clean and
    // the bot's voice detection hears no one. The silence lasts until the next packet's timestamp.
    const offset = this.offset(packet, this.clockRate);
    if (offset > 0) {
      this.out.silence(offset, this.clockRate);
      this.next = packet.timestamp >>> 0;
    }
    this.out.quiet();
  }

  /**
   * How far `packet`'s timestamp is past where the source's audio reached, in samples (RFC 3550:
   * signed, across the 2^32 wrap); 0 for the first packet of a source or of a clock rate.
   */
  private offset(packet: RtpPacket, rate: number): number {
    if (packet.ssrc !== this.timed || rate !== this.clockRate || this.next === undefined) {
      this.timed = packet.ssrc;
      this.clockRate = rate;
      this.next = packet.timestamp >>> 0;
      return 0;
    }
    return (packet.timestamp - this.next) | 0;
  }

  private event(packet: RtpPacket): void {
    const events = parseToneEvents(packet.payload);
    if (!events) return this.out.unplayable(`RTP payload type ${packet.payloadType} is neither audio nor a telephone event (RFC 4733)`);
    for (const key of this.keys.push(packet.ssrc, packet.timestamp, events)) this.out.key(key);
  }
}
