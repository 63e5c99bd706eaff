import { describe, expect, it } from 'vitest';
import { JitterBuffer, type Playout } from '../../../../electron/engine/streamer/jitter-buffer.ts';
import type { RtpPacket } from '../../../../electron/engine/streamer/rtp.ts';

const rtp = (sequence: number, ssrc = 1): RtpPacket => ({ payloadType: 0, marker: false, sequence: sequence & 0xffff, timestamp: sequence * 160, ssrc, payload: new Uint8Array([sequence & 0xff]) });
/** Feeds packets; returns what came out, as sequence numbers and `gapN` markers. */
function play(buffer: JitterBuffer, sequences: number[], ssrc = 1): (number | string)[] {
  const out: (number | string)[] = [];
  const sink: Playout = { packet: (p) => out.push(p.sequence), gap: (n) => out.push(`gap${n}`) };
  for (const s of sequences) buffer.push(rtp(s, ssrc), sink);
  return out;
}
const shape = (out: (number | string)[]) => out;
const drained = (buffer: JitterBuffer) => {
  const out: (number | string)[] = [];
  buffer.drain({ packet: (p) => out.push(p.sequence), gap: (n) => out.push(`gap${n}`) });
  return out;
};

describe('jitter buffer', () => {
  it('plays packets in order as they come', () => {
    const buffer = new JitterBuffer();
    expect(shape(play(buffer, [10, 11, 12]))).toEqual([10, 11, 12]);
    expect(buffer.stats).toEqual({ received: 3, duplicates: 0, late: 0, lost: 0 });
  });

  it('reorders packets that swapped places', () => {
    expect(shape(play(new JitterBuffer(), [10, 12, 11, 13]))).toEqual([10, 11, 12, 13]);
  });

  it('drops duplicates, whether still held or already played', () => {
    const buffer = new JitterBuffer();
    expect(shape(play(buffer, [10, 12, 12, 11, 10, 11]))).toEqual([10, 11, 12]);
    expect(buffer.stats.duplicates).toBe(3);
  });

  it('conceals a lost packet once enough later ones arrived, and drops it if it shows up late', () => {
    const buffer = new JitterBuffer(3);
    expect(shape(play(buffer, [10, 12, 13]))).toEqual([10]);
    expect(shape(play(buffer, [14]))).toEqual(['gap1', 12, 13, 14]);
    expect(shape(play(buffer, [11]))).toEqual([]);
    expect(buffer.stats).toMatchObject({ lost: 1, late: 1 });
  });

  it('follows the sequence number through its wrap-around at 65535', () => {
    const buffer = new JitterBuffer();
    expect(shape(play(buffer, [65534, 65535, 1, 0, 2]))).toEqual([65534, 65535, 0, 1, 2]);
    expect(buffer.stats.lost).toBe(0);
  });

  it('counts a gap across the wrap-around', () => {
    const buffer = new JitterBuffer(2);
    expect(shape(play(buffer, [65534, 1, 2]))).toEqual([65534, 'gap2', 1, 2]);
    expect(buffer.stats.lost).toBe(2);
  });

  it('starts over on a new source or a jump far ahead, without inventing silence', () => {
    const buffer = new JitterBuffer();
    expect(shape(play(buffer, [10, 11]))).toEqual([10, 11]);
    expect(shape(play(buffer, [5000]))).toEqual([5000]);
    expect(shape(play(buffer, [77], 2))).toEqual([77]);
    expect(buffer.stats.lost).toBe(0);
  });

  it('drains what it holds at the end of the stream, gaps included', () => {
    const buffer = new JitterBuffer(5);
    play(buffer, [1, 3]);
    expect(drained(buffer)).toEqual(['gap1', 3]);
  });
});
