// One stream's payload decoding into PCM16, in a scratch buffer reused frame after frame (this runs
// for every 20 ms frame of every call).
import { ALAW_TO_PCM, decodeG711, ULAW_TO_PCM } from '../audio/g711.ts';
import { decodePcm16, type ByteOrder } from '../audio/pcm.ts';
import type { Encoding } from './port.ts';

export class FrameDecoder {
  private scratch = new Int16Array(320);

  /**
   * The samples of `payload` in `encoding` (L16 in byte order `order`), valid until the next call.
   * An odd last byte of L16 is left out.
   */
  decode(encoding: Encoding, payload: Uint8Array, order: ByteOrder): Int16Array {
    const count = encoding === 'l16' ? payload.byteLength >> 1 : payload.byteLength;
    if (this.scratch.length < count) this.scratch = new Int16Array(count);
    if (encoding === 'l16') return decodePcm16(payload, order, this.scratch);
    return decodeG711(payload, encoding === 'pcmu' ? ULAW_TO_PCM : ALAW_TO_PCM, this.scratch.subarray(0, count));
  }
}
