// The demo models' speech-to-text: they know the demo's caller clips, so they recognise one by
// the shape of its loudness over time. What arrives is a clip after a phone line (μ-law), the
// engine's VAD and turn split: padded with silence, maybe cut short or in two. So the heard audio's
// loudness envelope is slid along each clip's, and the closest fit wins if it is close enough;
// when only part of a clip was heard, the words of that part are given.
import { resample } from '../audio/resample.ts';
import type { CallerLine } from './script.ts';

/** Envelope frames: 10 ms at 8 kHz. */
const FRAME = 80;
/** Below this level (dB of RMS on 16-bit samples, ≈ RMS 30) a frame is silence. */
const SILENT_DB = 30;
/** A fit whose mean level difference is above this (dB) is not that clip. */
const MAX_MEAN_DIFFERENCE_DB = 7;
/** Heard frames outside the clip count as this far off (dB). */
const OUTSIDE_DB = 20;
/** The fit's loudness must also rise and fall with the clip's: a steady tone or other words do not. */
const MIN_CORRELATION = 0.8;

export interface Heard {
  line: CallerLine;
  text: string;
  /** The mean level difference of the fit, in dB (0: the same loudness shape). */
  distance: number;
}

/** Level per 10 ms frame, in dB. */
export function envelope(samples: Int16Array): Float32Array {
  const out = new Float32Array(Math.floor(samples.length / FRAME));
  for (let f = 0; f < out.length; f++) {
    let energy = 0;
    for (let i = f * FRAME; i < (f + 1) * FRAME; i++) energy += samples[i]! * samples[i]!;
    out[f] = 20 * Math.log10(Math.sqrt(energy / FRAME) + 1);
  }
  return out;
}

/** The envelope from its first to its last sounding frame. */
function voiced(levels: Float32Array): Float32Array {
  let first = 0;
  let last = levels.length - 1;
  while (first <= last && levels[first]! < SILENT_DB) first++;
  while (last >= first && levels[last]! < SILENT_DB) last--;
  return levels.subarray(first, last + 1);
}

const envelopes = new WeakMap<CallerLine, Float32Array>();

/** Which caller line `samples` (at `sampleRate`) is, and the words heard; undefined when none fits. */
export function hear(samples: Int16Array, sampleRate: number, lines: CallerLine[]): Heard | undefined {
  const heard = voiced(envelope(resample(samples, sampleRate, 8000)));
  if (heard.length < 5) return undefined;
  let best: { line: CallerLine; distance: number; from: number; to: number; correlation: number } | undefined;
  for (const line of lines) {
    let clip = envelopes.get(line);
    if (!clip) envelopes.set(line, (clip = voiced(envelope(line.samples))));
    const fit = slide(heard, clip);
    if (!best || fit.distance < best.distance) best = { line, ...fit };
  }
  if (!best || best.distance > MAX_MEAN_DIFFERENCE_DB || best.correlation < MIN_CORRELATION) return undefined;
  return { line: best.line, text: partOf(best.line.text, best.from, best.to), distance: best.distance };
}

/** The best place of `heard` along `clip`: mean level difference and the part of the clip covered (0–1). */
function slide(heard: Float32Array, clip: Float32Array): { distance: number; from: number; to: number; correlation: number } {
  const n = heard.length;
  const m = clip.length;
  let best = { distance: Infinity, from: 0, to: 1, offset: 0 };
  // Heard may run over either end of the clip by a quarter of itself (noise, a cut in the wrong place).
  for (let offset = -Math.floor(n / 4); offset <= m - Math.ceil((3 * n) / 4); offset++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const j = offset + i;
      total += j >= 0 && j < m ? Math.abs(heard[i]! - clip[j]!) : OUTSIDE_DB;
      if (total > best.distance * n) break;
    }
    const distance = total / n;
    if (distance < best.distance) best = { distance, from: Math.max(0, offset) / m, to: Math.min(m, offset + n) / m, offset };
  }
  return { ...best, correlation: correlation(heard, clip, best.offset) };
}

/** Pearson correlation of `heard` with `clip` placed at `offset`, over the frames they share (0 when flat). */
function correlation(heard: Float32Array, clip: Float32Array, offset: number): number {
  const pairs: [number, number][] = [];
  for (let i = 0; i < heard.length; i++) if (offset + i >= 0 && offset + i < clip.length) pairs.push([heard[i]!, clip[offset + i]!]);
  if (pairs.length < 5) return 0;
  const mean = (k: 0 | 1) => pairs.reduce((sum, p) => sum + p[k], 0) / pairs.length;
  const [ma, mb] = [mean(0), mean(1)];
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (const [a, b] of pairs) {
    ab += (a - ma) * (b - mb);
    aa += (a - ma) ** 2;
    bb += (b - mb) ** 2;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** The words of `text` said between fractions `from` and `to` of its clip (the whole text when nearly all). */
export function partOf(text: string, from: number, to: number): string {
  if (from < 0.1 && to > 0.9) return text;
  const tokens = text.split(/\s+/);
  const start = Math.round(from * tokens.length);
  const end = Math.max(start + 1, Math.round(to * tokens.length));
  return tokens.slice(start, end).join(' ');
}
