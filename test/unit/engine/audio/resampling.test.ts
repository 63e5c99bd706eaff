import { describe, expect, it } from 'vitest';
import { resample, Resampler } from '../../../../electron/engine/audio/resample.ts';

const tone = (hz: number, rate: number, seconds: number, amplitude = 10000) =>
  Int16Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate)));
const rms = (s: Int16Array, from = 0, to = s.length) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += s[i]! * s[i]!;
  return Math.sqrt(sum / (to - from));
};

describe('resampling', () => {
  it.each([
    [8000, 16000],
    [16000, 8000],
    [24000, 8000],
    [8000, 24000],
    [24000, 16000],
    [44100, 8000],
  ])('%i Hz → %i Hz gives exactly round(n × to / from) samples', (from, to) => {
    for (const n of [0, 1, 159, 160, 4801]) expect(resample(new Int16Array(n).fill(100), from, to).length).toBe(Math.round((n * to) / from));
  });

  it('keeps a speech-band tone at its level and shape', () => {
    const input = tone(440, 8000, 0.5);
    const up = resample(input, 8000, 16000);
    expect(rms(up, 200, up.length - 200) / rms(input, 100, input.length - 100)).toBeCloseTo(1, 1);
    const back = resample(up, 16000, 8000);
    let error = 0;
    for (let i = 100; i < input.length - 100; i++) error = Math.max(error, Math.abs(back[i]! - input[i]!));
    expect(error).toBeLessThan(400); // under 4% of the tone's amplitude
  });

  it('filters out what the lower rate cannot carry instead of folding it back (no aliasing)', () => {
    const high = tone(6000, 24000, 0.5); // above 4 kHz, the Nyquist frequency of 8 kHz
    const out = resample(high, 24000, 8000);
    expect(rms(out, 50, out.length - 50)).toBeLessThan(rms(high) * 0.05);
  });

  it('gives the same samples whether fed in chunks or at once', () => {
    const input = tone(300, 24000, 0.3);
    const whole = resample(input, 24000, 8000);
    const streaming = new Resampler(24000, 8000);
    const parts: number[] = [];
    for (let i = 0; i < input.length; i += 480) parts.push(...streaming.push(input.subarray(i, i + 480)));
    parts.push(...streaming.flush());
    expect(parts).toEqual(Array.from(whole));
  });

  it('passes audio through untouched at the same rate', () => {
    const input = tone(300, 8000, 0.01);
    expect(resample(input, 8000, 8000)).toBe(input);
  });
});
