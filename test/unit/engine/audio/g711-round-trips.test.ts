import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALAW_TO_PCM, encodeAlaw, encodeUlaw, linearToAlaw, linearToUlaw, ULAW_TO_PCM } from '../../../../electron/engine/audio/g711.ts';

const dir = mkdtempSync(join(tmpdir(), 'ringside-g711-'));

/** sox's own G.711 decoder: an independent reference for every one of the 256 codes. */
function soxDecode(encoding: 'u-law' | 'a-law'): Int16Array {
  writeFileSync(join(dir, 'codes.raw'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
  execFileSync('sox', ['-t', 'raw', '-r', '8000', '-e', encoding, '-b', '8', '-c', '1', join(dir, 'codes.raw'), '-t', 'raw', '-e', 'signed', '-b', '16', join(dir, 'codes.s16')]);
  const bytes = readFileSync(join(dir, 'codes.s16'));
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
}

describe.each([
  { name: 'μ-law (PCMU)', table: ULAW_TO_PCM, encode: linearToUlaw, sox: 'u-law' as const, known: [[0x00, -32124], [0x80, 32124], [0x7f, 0], [0xff, 0], [0x0f, -16764]], zero: 0xff },
  { name: 'A-law (PCMA)', table: ALAW_TO_PCM, encode: linearToAlaw, sox: 'a-law' as const, known: [[0x00, -5504], [0x80, 5504], [0x55, -8], [0xd5, 8], [0x2a, -32256]], zero: 0xd5 },
])('G.711 $name', ({ table, encode, sox, known, zero }) => {
  it('decodes every code exactly as sox does', () => {
    expect(Array.from(table)).toEqual(Array.from(soxDecode(sox)));
  });

  it('decodes the values G.711 defines', () => {
    for (const [code, value] of known) expect(table[code!]).toBe(value);
    expect(encode(0)).toBe(zero);
  });

  it('round-trips every decoded value back to a code that decodes to it', () => {
    for (let code = 0; code < 256; code++) expect(table[encode(table[code]!)]).toBe(table[code]);
  });

  it('encodes every 16-bit sample within one quantization step', () => {
    const levels = [...new Set(Array.from(table))].sort((a, b) => a - b);
    for (let x = -32768; x <= 32767; x += 7) {
      const decoded = table[encode(x)]!;
      const i = levels.indexOf(decoded);
      const step = Math.max(levels[i + 1] ?? decoded, decoded) - Math.min(levels[i - 1] ?? decoded, decoded);
      expect(Math.abs(decoded - x), `sample ${x}`).toBeLessThanOrEqual(step);
    }
  });
});

describe('G.711 buffers', () => {
  it('encode whole buffers sample by sample', () => {
    const samples = Int16Array.from([0, 1000, -1000, 32767, -32768]);
    expect(Array.from(encodeUlaw(samples))).toEqual(Array.from(samples, linearToUlaw));
    expect(Array.from(encodeAlaw(samples))).toEqual(Array.from(samples, linearToAlaw));
  });
});
