// 16-bit signed PCM, the engine's one form of audio, and every conversion between it and bytes:
// decoding (little- or big-endian), encoding (little-endian), a byte stream whose chunks split
// samples, and mixing channels down to mono. Nothing else in the engine reads or writes samples
// as bytes.

/** Whether this machine stores an Int16Array little-endian (then LE bytes are a plain copy). */
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Byte order of 16-bit samples: `le` for WAV, `streamAudio` raw, raw L16 stream frames and the
 * OpenAI SDK's `pcm`; `be` for L16 in RTP (RFC 3551 §4.5.11: network byte order).
 */
export type ByteOrder = 'le' | 'be';

/**
 * The samples in `bytes`: `bytes.length >> 1` of them; an odd last byte is left out (a stream
 * whose chunks split samples carries it over with `Pcm16Chunks`). Written into `out` when given
 * (it must hold that many samples, else RangeError; the result is then a view of `out`), else
 * into a new array. Never aliases `bytes`.
 */
export function decodePcm16(bytes: Uint8Array, order: ByteOrder = 'le', out?: Int16Array): Int16Array {
  const count = bytes.length >> 1;
  if (out && out.length < count) throw new RangeError(`decodePcm16: out holds ${out.length} samples, ${count} needed`);
  const samples = out ? out.subarray(0, count) : new Int16Array(count);
  if (order === 'le' && HOST_LITTLE_ENDIAN) {
    new Uint8Array(samples.buffer, samples.byteOffset, count * 2).set(bytes.subarray(0, count * 2));
    return samples;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, count * 2);
  const little = order === 'le';
  for (let i = 0; i < count; i++) samples[i] = view.getInt16(i * 2, little);
  return samples;
}

/**
 * `samples` as little-endian bytes (`samples.length * 2` of them). On a little-endian machine this
 * is a view of the same memory, not a copy: copy it (`Buffer.from(bytes)`) before the samples'
 * buffer is reused.
 */
export function encodePcm16(samples: Int16Array): Buffer {
  if (HOST_LITTLE_ENDIAN) return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const bytes = Buffer.alloc(samples.byteLength);
  for (let i = 0; i < samples.length; i++) bytes.writeInt16LE(samples[i]!, i * 2);
  return bytes;
}

/**
 * Mono from `channels` interleaved channels (frame after frame: L R L R … for stereo): each
 * sample the rounded mean of its frame. A partial last frame is left out. One channel comes back
 * as `interleaved` itself (no copy).
 */
export function downmix(interleaved: Int16Array, channels: number): Int16Array {
  if (!Number.isInteger(channels) || channels < 1) throw new RangeError(`downmix: channels must be a positive integer, not ${channels}`);
  const frames = Math.floor(interleaved.length / channels);
  if (channels === 1) return interleaved;
  const mono = new Int16Array(frames);
  for (let f = 0, i = 0; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += interleaved[i++]!;
    mono[f] = Math.round(sum / channels);
  }
  return mono;
}

/**
 * Samples from a byte stream whose chunks may split a sample (an HTTP body of PCM): each `push`
 * returns the whole samples so far (possibly none) and keeps an odd byte for the next chunk.
 */
export class Pcm16Chunks {
  private readonly order: ByteOrder;
  private carry: number | undefined;

  constructor(order: ByteOrder = 'le') {
    this.order = order;
  }

  push(chunk: Uint8Array): Int16Array {
    let bytes = chunk;
    if (this.carry !== undefined) {
      bytes = new Uint8Array(chunk.length + 1);
      bytes[0] = this.carry;
      bytes.set(chunk, 1);
    }
    this.carry = bytes.length % 2 ? bytes[bytes.length - 1] : undefined;
    return decodePcm16(bytes, this.order);
  }
}
