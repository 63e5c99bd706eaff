// RTP (RFC 3550) packet parsing with the validity checks of its appendix A.1 (CSRC list, header
// extension and padding skipped), and the payload types of RFC 3551 that carry telephone audio.

export interface RtpPacket {
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
}

/** Static payload types (RFC 3551 §6): the ones Ringside decodes, and comfort noise. */
export const PT_PCMU = 0;
export const PT_PCMA = 8;
export const PT_L16_STEREO = 10;
export const PT_L16_MONO = 11;
/** Comfort noise (RFC 3389); 19 is the type older gateways used for it before 13 was assigned. */
export const PT_CN = 13;
export const PT_CN_OLD = 19;

/** Dynamic payload types (RFC 3551 §3): their meaning was agreed in SDP, which a stream never shows. */
export const isDynamicPayloadType = (pt: number) => pt >= 96 && pt <= 127;

/**
 * Whether a packet of this payload type may be audio-related RTP: the audio types of RFC 3551's
 * table 4 (0–19, video from 25 on) and the dynamic ones. Used to tell RTP from raw PCM that
 * happens to start like an RTP header.
 */
export const isAudioPayloadType = (pt: number) => pt <= PT_CN_OLD || isDynamicPayloadType(pt);

/** The packet, or undefined when the bytes are not a valid RTP v2 packet. */
export function parseRtp(bytes: Uint8Array): RtpPacket | undefined {
  if (bytes.length < 12) return undefined;
  const b0 = bytes[0]!;
  if (b0 >> 6 !== 2) return undefined;
  const payloadType = bytes[1]! & 0x7f;
  if (payloadType >= 72 && payloadType <= 76) return undefined; // RTCP shares the port range
  let headerLength = 12 + (b0 & 0x0f) * 4;
  if (headerLength > bytes.length) return undefined;
  if (b0 & 0x10) {
    if (headerLength + 4 > bytes.length) return undefined;
    headerLength += 4 + ((bytes[headerLength + 2]! << 8) | bytes[headerLength + 3]!) * 4;
    if (headerLength > bytes.length) return undefined;
  }
  let end = bytes.length;
  if (b0 & 0x20) {
    const padding = bytes[bytes.length - 1]!;
    if (padding === 0 || headerLength + padding > bytes.length) return undefined;
    end -= padding;
  }
  if (end <= headerLength) return undefined;
  return {
    payloadType,
    marker: (bytes[1]! & 0x80) !== 0,
    sequence: (bytes[2]! << 8) | bytes[3]!,
    timestamp: ((bytes[4]! << 24) | (bytes[5]! << 16) | (bytes[6]! << 8) | bytes[7]!) >>> 0,
    ssrc: ((bytes[8]! << 24) | (bytes[9]! << 16) | (bytes[10]! << 8) | bytes[11]!) >>> 0,
    payload: bytes.subarray(headerLength, end),
  };
}

/** Builds an RTP packet (used by the simulator, which plays a media server). */
export function buildRtp(packet: Omit<RtpPacket, 'payload'> & { payload: Uint8Array }): Uint8Array {
  const out = new Uint8Array(12 + packet.payload.length);
  out[0] = 0x80;
  out[1] = (packet.marker ? 0x80 : 0) | packet.payloadType;
  out[2] = (packet.sequence >> 8) & 0xff;
  out[3] = packet.sequence & 0xff;
  new DataView(out.buffer).setUint32(4, packet.timestamp >>> 0);
  new DataView(out.buffer).setUint32(8, packet.ssrc >>> 0);
  out.set(packet.payload, 12);
  return out;
}
