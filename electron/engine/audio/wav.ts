// WAV (RIFF, PCM 16-bit) writing. A recording is written as it happens: the header's sizes are
// rewritten at every flush, so a file cut short by a crash is still a valid, playable WAV.
import { writev } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

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

/** A whole WAV file in memory (for audio sent as `wav`, and for tests). */
export function encodeWav(samples: Int16Array, sampleRate: number, channels = 1): Buffer {
  return Buffer.concat([wavHeader(sampleRate, channels, samples.byteLength), Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
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

  /** Creates the file, or continues a recording already there (a stream that reconnects). */
  static async open(path: string, sampleRate: number, channels: number): Promise<WavWriter> {
    // Not 'a+': with O_APPEND the header could not be rewritten in place.
    const handle = await open(path, 'r+').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return open(path, 'w+');
      throw error;
    });
    const { size } = await handle.stat();
    if (size < HEADER_BYTES) {
      await handle.truncate(0);
      await writevAt(handle.fd, [wavHeader(sampleRate, channels, 0)], 0);
    }
    return new WavWriter(handle, path, sampleRate, channels, Math.max(0, size - HEADER_BYTES));
  }

  get durationSeconds(): number {
    return (this.dataBytes + this.pendingBytes) / (this.sampleRate * this.channels * 2);
  }

  /** Queues interleaved samples; they reach the disk at the next flush. */
  append(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.pending.push(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
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

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
    if (this.failed) throw this.failed;
  }
}
