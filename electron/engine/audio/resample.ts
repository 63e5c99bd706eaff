// Streaming PCM16 resampler: a windowed-sinc interpolator (Blackman window, cutoff below the lower
// Nyquist rate), so 24 kHz speech can go to an 8 kHz line without aliasing. Chunk boundaries are
// seamless: the filter's history carries over from one push to the next.

const HALF_TAPS = 8;
const PHASES = 256;
const kernels = new Map<number, Float32Array>();

/** Filter taps for each of PHASES fractional offsets, for one cutoff. */
function kernelTable(cutoff: number): Float32Array {
  let table = kernels.get(cutoff);
  if (table) return table;
  table = new Float32Array(PHASES * HALF_TAPS * 2);
  for (let p = 0; p < PHASES; p++) {
    const frac = p / PHASES;
    for (let j = 0; j < HALF_TAPS * 2; j++) {
      const d = frac + HALF_TAPS - 1 - j; // distance from tap j to the output position
      const x = Math.PI * cutoff * d;
      const sinc = d === 0 ? 1 : Math.sin(x) / x;
      const window = 0.42 + 0.5 * Math.cos((Math.PI * d) / HALF_TAPS) + 0.08 * Math.cos((2 * Math.PI * d) / HALF_TAPS);
      table[p * HALF_TAPS * 2 + j] = Math.abs(d) < HALF_TAPS ? cutoff * sinc * window : 0;
    }
  }
  kernels.set(cutoff, table);
  return table;
}

export class Resampler {
  readonly from: number;
  readonly to: number;
  private readonly step: number;
  private readonly table: Float32Array;
  /** Unconsumed input (with HALF_TAPS of history before the next output's position). */
  private buffer: Float32Array;
  /** Next output's position in input samples, relative to buffer[0]. */
  private position: number;
  private consumed = 0;
  private produced = 0;

  constructor(from: number, to: number) {
    this.from = from;
    this.to = to;
    this.step = from / to;
    this.table = kernelTable(Math.min(1, to / from) * 0.92);
    // As if preceded by silence: the first output lines up with the first input sample.
    this.buffer = new Float32Array(HALF_TAPS);
    this.position = HALF_TAPS;
  }

  push(input: Int16Array): Int16Array {
    if (this.from === this.to) return input;
    this.consumed += input.length;
    return this.run(input, Infinity);
  }

  /** Emits the rest: exactly round(total input × to / from) samples in all. */
  flush(): Int16Array {
    if (this.from === this.to) return new Int16Array(0);
    const expected = Math.round((this.consumed * this.to) / this.from);
    return this.run(new Int16Array(HALF_TAPS * 2 + Math.ceil(this.step)), expected - this.produced);
  }

  private run(input: Int16Array, limit: number): Int16Array {
    const joined = new Float32Array(this.buffer.length + input.length);
    joined.set(this.buffer);
    for (let i = 0; i < input.length; i++) joined[this.buffer.length + i] = input[i]!;
    const out: number[] = [];
    const taps = HALF_TAPS * 2;
    while (this.position + HALF_TAPS < joined.length && out.length < limit) {
      const base = Math.floor(this.position);
      const phase = Math.min(PHASES - 1, Math.round((this.position - base) * PHASES));
      const offset = phase * taps;
      const first = base - HALF_TAPS + 1;
      let sum = 0;
      for (let j = 0; j < taps; j++) sum += joined[first + j]! * this.table[offset + j]!;
      out.push(sum > 32767 ? 32767 : sum < -32768 ? -32768 : Math.round(sum));
      this.position += this.step;
    }
    this.produced += out.length;
    const keepFrom = Math.max(0, Math.floor(this.position) - HALF_TAPS);
    this.buffer = joined.slice(keepFrom);
    this.position -= keepFrom;
    return Int16Array.from(out);
  }
}

/** Resamples a whole buffer at once; the result has round(length × to / from) samples. */
export function resample(input: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return input;
  const resampler = new Resampler(from, to);
  const head = resampler.push(input);
  const tail = resampler.flush();
  const out = new Int16Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
