// The one PCM module: 16-bit samples to bytes and back in either byte order, byte streams that
// split samples, and channels mixed down to mono.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePcm16, downmix, encodePcm16, Pcm16Chunks } from '../../../../electron/engine/audio/pcm.ts';

const samples = fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 400 }).map((a) => Int16Array.from(a));

describe('16-bit PCM bytes', () => {
  it('round-trips any samples through little-endian bytes', () => {
    fc.assert(
      fc.property(samples, (original) => {
        const bytes = encodePcm16(original);
        expect(bytes.length).toBe(original.length * 2);
        expect(decodePcm16(bytes)).toEqual(original);
      }),
    );
  });

  it('writes little-endian, and reads big-endian (RTP L16) as big-endian', () => {
    expect([...encodePcm16(Int16Array.from([1, -2, 0x1234]))]).toEqual([0x01, 0x00, 0xfe, 0xff, 0x34, 0x12]);
    const bytes = Uint8Array.from([0x12, 0x34, 0xff, 0xfe, 0x80, 0x00]);
    expect([...decodePcm16(bytes, 'be')]).toEqual([0x1234, -2, -32768]);
    expect([...decodePcm16(bytes, 'le')]).toEqual([0x3412, -257, 0x0080]);
  });

  it('reads bytes at any offset, into a buffer it is given, without aliasing the input', () => {
    const backing = Uint8Array.from([9, 0x01, 0x00, 0x02, 0x00, 9]);
    const odd = backing.subarray(1, 5); // byteOffset 1: not aligned for an Int16Array view
    expect([...decodePcm16(odd)]).toEqual([1, 2]);
    const out = new Int16Array(8).fill(7);
    const decoded = decodePcm16(odd, 'be', out);
    expect([...decoded]).toEqual([256, 512]);
    expect(decoded.buffer).toBe(out.buffer);
    expect([...out.subarray(2)]).toEqual([7, 7, 7, 7, 7, 7]);
    backing[1] = 5;
    expect([...decoded]).toEqual([256, 512]);
    expect(() => decodePcm16(odd, 'le', new Int16Array(1))).toThrow(RangeError);
  });

  it('leaves out an odd last byte, and a byte stream carries it over to the next chunk', () => {
    expect([...decodePcm16(Uint8Array.from([1, 0, 2]))]).toEqual([1]);
    fc.assert(
      fc.property(samples, fc.array(fc.nat(), { maxLength: 6 }), (original, cuts) => {
        const bytes = encodePcm16(original);
        const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length));
        const stream = new Pcm16Chunks();
        const out = chunks.flatMap((chunk) => [...stream.push(chunk)]);
        expect(out).toEqual([...original]);
      }),
    );
  });
});

describe('mixing down to mono', () => {
  it('averages each frame of interleaved channels, rounding, and drops a partial frame', () => {
    expect([...downmix(Int16Array.from([100, 200, -3, 0, 32767, 32767, 5]), 2)]).toEqual([150, -1, 32767]);
    expect([...downmix(Int16Array.from([3, 6, 9, 1, 1, 1]), 3)]).toEqual([6, 1]);
    const mono = Int16Array.from([1, 2, 3]);
    expect(downmix(mono, 1)).toBe(mono);
    expect(() => downmix(mono, 0)).toThrow(RangeError);
  });
});
