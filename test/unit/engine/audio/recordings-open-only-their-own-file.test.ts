// A recording is created exclusively, and a file already at its name is continued only when it is the
// engine's own recording in the same format (a stream back after its session ended, or after a
// restart). A link, a hard link or a file of something else is left exactly as it is.
import { linkSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRecording, recordingFile } from '../../../../electron/engine/audio/recording-files.ts';
import { wavHeader, WavWriter } from '../../../../electron/engine/audio/wav.ts';

const folder = () => mkdtempSync(join(tmpdir(), 'ringside-rec-'));
const frames = (n: number, value: number) => new Int16Array(n * 2).fill(value);

async function record(path: string, samples: Int16Array, sampleRate = 8000): Promise<void> {
  const writer = await WavWriter.open(path, sampleRate, 2);
  writer.append(samples);
  await writer.close();
}

describe('WavWriter.open', () => {
  it('creates a new recording readable by its owner only', async () => {
    const path = join(folder(), 'ringover-1.wav');
    await record(path, frames(10, 7));
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 44).equals(wavHeader(8000, 2, 40))).toBe(true);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('continues its own recording in the same format, from the last whole frame', async () => {
    const path = join(folder(), 'ringover-1.wav');
    await record(path, frames(10, 7));
    writeFileSync(path, Buffer.from([9, 9]), { flag: 'a' }); // a crash cut a frame short
    await record(path, frames(5, 8));
    const bytes = readFileSync(path);
    expect(bytes.length).toBe(44 + 15 * 4);
    expect(bytes.subarray(0, 44).equals(wavHeader(8000, 2, 60))).toBe(true);
    expect(bytes.readInt16LE(44 + 10 * 4)).toBe(8);
  });

  it('leaves a file that is not its recording in this format untouched', async () => {
    const dir = folder();
    const notWav = join(dir, 'a.wav');
    writeFileSync(notWav, 'the minutes of the meeting, not audio, and long enough for a header');
    const otherRate = join(dir, 'b.wav');
    await record(otherRate, frames(10, 7), 16000);
    for (const path of [notWav, otherRate]) {
      const before = readFileSync(path);
      await expect(WavWriter.open(path, 8000, 2)).rejects.toThrow(/Ringside leaves it as it is/);
      expect(readFileSync(path).equals(before)).toBe(true);
    }
  });

  it.skipIf(process.platform === 'win32')('never writes through a symbolic link, dangling or not', async () => {
    const dir = folder();
    const outside = join(folder(), 'victim.wav');
    await record(outside, frames(10, 7));
    const before = readFileSync(outside);
    symlinkSync(outside, join(dir, 'ringover-1.wav'));
    await expect(WavWriter.open(join(dir, 'ringover-1.wav'), 8000, 2)).rejects.toThrow(/a symbolic link/);
    expect(readFileSync(outside).equals(before)).toBe(true);

    const nowhere = join(folder(), 'not-yet.wav');
    symlinkSync(nowhere, join(dir, 'ringover-2.wav'));
    await expect(WavWriter.open(join(dir, 'ringover-2.wav'), 8000, 2)).rejects.toThrow(/a symbolic link/);
    expect(existsSync(nowhere)).toBe(false);
  });

  it('never writes to a file hard-linked from elsewhere', async () => {
    const dir = folder();
    const outside = join(folder(), 'victim.wav');
    await record(outside, frames(10, 7));
    const before = readFileSync(outside);
    linkSync(outside, join(dir, 'ringover-1.wav'));
    await expect(WavWriter.open(join(dir, 'ringover-1.wav'), 8000, 2)).rejects.toThrow(/other hard links/);
    expect(readFileSync(outside).equals(before)).toBe(true);
  });
});

describe('openRecording', () => {
  it('reads the recording under its mapped name', async () => {
    const dir = folder();
    await record(recordingFile(dir, 'ringover-a/b'), frames(10, 7));
    const file = await openRecording(dir, 'ringover-a/b');
    expect((await file!.stat()).size).toBe(44 + 40);
    await file!.close();
    expect(await openRecording(dir, 'ringover-a-b')).toBeUndefined();
  });

  it('finds a recording made before ids were mapped under its old name, only by that exact name', async () => {
    const dir = folder();
    await record(join(dir, 'ringover-CA12.wav'), frames(10, 7));
    const file = await openRecording(dir, 'ringover-CA12');
    expect(file).toBeDefined();
    await file!.close();
    expect(await openRecording(dir, 'ringover-Ca12')).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('does not read through a symbolic link', async () => {
    const dir = folder();
    const outside = join(folder(), 'secret.wav');
    await record(outside, frames(10, 7));
    symlinkSync(outside, recordingFile(dir, 'ringover-1'));
    await expect(openRecording(dir, 'ringover-1')).rejects.toThrow(/a symbolic link/);
  });
});
