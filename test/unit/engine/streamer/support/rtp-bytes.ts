// RTP packets written byte by byte, as RFC 3550 §5.1 lays them out (independent of the engine's
// own builder), with the extras real sources add: CSRCs, a header extension, padding.

export interface PacketFields {
  pt: number;
  seq: number;
  ts: number;
  ssrc: number;
  payload: Uint8Array | number[];
  marker?: boolean;
  /** CSRC identifiers (a mixer's contributing sources). */
  csrc?: number[];
  /** Header extension words (32-bit each), after a 16-bit profile id. */
  extension?: number[];
  /** Padding bytes at the end; the last holds their count. */
  padding?: number;
}

const u32 = (v: number) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];

export function rtpBytes({ pt, seq, ts, ssrc, payload, marker = false, csrc = [], extension, padding = 0 }: PacketFields): Buffer {
  const bytes: number[] = [
    0x80 | (padding ? 0x20 : 0) | (extension ? 0x10 : 0) | csrc.length,
    (marker ? 0x80 : 0) | pt,
    (seq >> 8) & 0xff,
    seq & 0xff,
    ...u32(ts >>> 0),
    ...u32(ssrc >>> 0),
    ...csrc.flatMap(u32),
  ];
  if (extension) bytes.push(0xbe, 0xde, (extension.length >> 8) & 0xff, extension.length & 0xff, ...extension.flatMap(u32));
  bytes.push(...payload);
  if (padding) bytes.push(...Array(padding - 1).fill(0), padding);
  return Buffer.from(bytes);
}

/** A telephone-event payload (RFC 4733 §2.3): event, E bit, volume, duration. */
export const toneEvent = (event: number, end: boolean, volume: number, duration: number) => [event, (end ? 0x80 : 0) | volume, (duration >> 8) & 0xff, duration & 0xff];
