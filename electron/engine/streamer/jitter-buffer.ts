// Reorders RTP packets by sequence number (16-bit, wrapping), drops duplicates and packets that
// arrive after their turn, and reports gaps so they can be concealed. It waits for a missing packet
// only while fewer than `depth` later ones are held: audio stays in order without stalling.
import type { RtpPacket } from './rtp.ts';

/** Where released audio goes: packets in order, and the number of packets missing before one. */
export interface Playout {
  packet(packet: RtpPacket): void;
  gap(packets: number): void;
}

export interface JitterStats {
  received: number;
  duplicates: number;
  late: number;
  lost: number;
}

/** A jump this large is a new sequence (restart or new source), not a loss to conceal. */
const MAX_GAP = 50;

export class JitterBuffer {
  readonly stats: JitterStats = { received: 0, duplicates: 0, late: 0, lost: 0 };
  private readonly depth: number;
  private expected: number | undefined;
  private ssrc: number | undefined;
  private readonly held = new Map<number, RtpPacket>();
  /** The last 64 sequence numbers played, to tell a duplicate from a late packet. */
  private readonly played = new Float64Array(64).fill(-1);

  constructor(depth = 3) {
    this.depth = depth;
  }

  push(packet: RtpPacket, out: Playout): void {
    this.stats.received++;
    if (this.expected === undefined || packet.ssrc !== this.ssrc) {
      if (this.ssrc !== undefined) this.drain(out);
      this.ssrc = packet.ssrc;
      this.expected = packet.sequence;
      this.held.set(packet.sequence, packet);
      return this.release(out);
    }
    const delta = ((packet.sequence - (this.expected & 0xffff) + 0x8000) & 0xffff) - 0x8000;
    const extended = this.expected + delta;
    if (delta === 0 && this.held.size === 0) {
      // The usual case, in order with nothing held: straight through.
      this.played[extended & 63] = extended;
      this.expected = extended + 1;
      out.packet(packet);
      return;
    }
    if (delta < 0) {
      if (this.played[extended & 63] === extended) this.stats.duplicates++;
      else this.stats.late++;
      return;
    }
    if (this.held.has(extended)) {
      this.stats.duplicates++;
      return;
    }
    if (delta > MAX_GAP) {
      this.drain(out);
      this.expected = extended;
    }
    this.held.set(extended, packet);
    this.release(out);
  }

  /** Everything held, in order, with its gaps (at the end of a stream). */
  drain(out: Playout): void {
    if (this.held.size === 0) return; // the usual case: a quiet stream's clock asks on every tick
    for (const key of [...this.held.keys()].sort((a, b) => a - b)) {
      if (this.expected !== undefined && key > this.expected) {
        this.stats.lost += key - this.expected;
        out.gap(key - this.expected);
      }
      this.played[key & 63] = key;
      this.expected = key + 1;
      out.packet(this.held.get(key)!);
    }
    this.held.clear();
  }

  private release(out: Playout): void {
    for (;;) {
      const next = this.held.get(this.expected!);
      if (next) {
        this.held.delete(this.expected!);
        this.played[this.expected! & 63] = this.expected!;
        this.expected!++;
        out.packet(next);
        continue;
      }
      if (this.held.size < this.depth) return;
      const first = Math.min(...this.held.keys());
      const missing = first - this.expected!;
      this.stats.lost += missing;
      this.expected = first;
      out.gap(missing);
    }
  }
}
