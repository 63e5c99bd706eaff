// WAV (RIFF, PCM 16-bit) writing. A recording is written as it happens: the header's sizes are
// rewritten at every flush, so a file cut short by a crash is still a valid, playable WAV.
import { writev } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { createNewFile, NotOwnFileError, openOwnFile } from '../files/open-own-file.ts';
import { encodePcm16 } from './pcm.ts';

const HEADER_BYTES = 44;

export function wavHeader(sampleRate: number, channels: number, dataBytes: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28); // byte rate
  header.writeUInt16LE(channels * 2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** Whether `header` is what `wavHeader` writes for this format (whatever sizes it states: they may lag after a crash). */
function isHeaderOf(header: Buffer, sampleRate: number, channels: number): boolean {
  const expected = wavHeader(sampleRate, channels, 0);
  return header.subarray(0, 4).equals(expected.subarray(0, 4)) && header.subarray(8, 40).equals(expected.subarray(8, 40));
}

/** A whole WAV file in memory (for audio sent as `wav`, and for tests). */
export function encodeWav(samples: Int16Array, sampleRate: number, channels = 1): Buffer {
  return Buffer.concat([wavHeader(sampleRate, channels, samples.byteLength), encodePcm16(samples)]);
}

/** Positional I/O on a plain descriptor: one writev per flush, none of the per-call cost of promises. */
const writevAt = (fd: number, buffers: Buffer[], position: number) =>
  new Promise<void>((resolve, reject) => writev(fd, buffers, position, (error) => (error ? reject(error) : resolve())));

export class WavWriter {
  readonly path: string;
  readonly sampleRate: number;
  readonly channels: number;
  private readonly handle: FileHandle;
  private readonly fd: number;
  private pending: Buffer[] = [];
  private pendingBlocks: Int16Array[] = [];
  private pendingBytes = 0;
  /** Gets each appended block back once it is on disk, to reuse it. */
  onWritten: ((block: Int16Array) => void) | undefined;
  private dataBytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private failed: Error | undefined;

  private constructor(handle: FileHandle, path: string, sampleRate: number, channels: number, dataBytes: number) {
    this.handle = handle;
    this.fd = handle.fd;
    this.path = path;
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.dataBytes = dataBytes;
  }

  /**
   * Creates the recording (exclusively: nothing already there is opened through), or continues one
   * already at `path` when it is this engine's own: a regular file, not linked elsewhere, with the
   * header this writer writes for the same format (a stream that comes back after its session ended,
   * or after a restart). Anything else there is left untouched: rejects with NotOwnFileError.
   */
  static async open(path: string, sampleRate: number, channels: number): Promise<WavWriter> {
    const created = await createNewFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return undefined;
      throw error;
    });
    const handle = created ?? (await openOwnFile(path, 'r+')); // Not 'a+': with O_APPEND the header could not be rewritten in place.
    try {
      const { size } = await handle.stat();
      if (size === 0) {
        // Just created (or created by an earlier run that stopped before writing the header).
        await writevAt(handle.fd, [wavHeader(sampleRate, channels, 0)], 0);
        return new WavWriter(handle, path, sampleRate, channels, 0);
      }
      const header = Buffer.alloc(HEADER_BYTES);
      await handle.read(header, 0, HEADER_BYTES, 0);
      if (size < HEADER_BYTES || !isHeaderOf(header, sampleRate, channels)) {
        throw new NotOwnFileError(path, `a file that is not a ${channels}-channel ${sampleRate} Hz recording Ringside can continue`);
      }
      // A crash can cut the last frame short: the next write starts at the last whole frame.
      const blockAlign = channels * 2;
      return new WavWriter(handle, path, sampleRate, channels, Math.floor((size - HEADER_BYTES) / blockAlign) * blockAlign);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get durationSeconds(): number {
    return (this.dataBytes + this.pendingBytes) / (this.sampleRate * this.channels * 2);
  }

  /** Queues interleaved samples; they reach the disk at the next flush. */
  append(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.pending.push(encodePcm16(samples));
    this.pendingBlocks.push(samples);
    this.pendingBytes += samples.byteLength;
  }

  /** Writes what is queued, then the header with the new sizes; flushes never overlap. */
  flush(): Promise<void> {
    if (this.pendingBytes === 0 || this.failed) return this.chain;
    const data = this.pending;
    const blocks = this.pendingBlocks;
    const bytes = this.pendingBytes;
    this.pending = [];
    this.pendingBlocks = [];
    this.pendingBytes = 0;
    this.chain = this.chain.then(async () => {
      try {
        await writevAt(this.fd, data, HEADER_BYTES + this.dataBytes);
        this.dataBytes += bytes;
        await writevAt(this.fd, [wavHeader(this.sampleRate, this.channels, this.dataBytes)], 0);
        if (this.onWritten) for (const block of blocks) this.onWritten(block);
      } catch (error) {
        this.failed = error as Error;
      }
    });
    return this.chain;
  }

  /**
   * Overwrites the audio from byte `from` to byte `to` of the data (0 is the first sample) with
   * silence, once what is queued is on disk; bytes past what is written are left to come.
   */
  silence(from: number, to: number): Promise<void> {
    void this.flush();
    this.chain = this.chain.then(async () => {
      const start = Math.max(0, from);
      const end = Math.min(to, this.dataBytes);
      if (end <= start || this.failed) return;
      try {
        await writevAt(this.fd, [Buffer.alloc(end - start)], HEADER_BYTES + start);
      } catch (error) {
        this.failed = error as Error;
      }
    });
    return this.chain;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
    if (this.failed) throw this.failed;
  }
}
