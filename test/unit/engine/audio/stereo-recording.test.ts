import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { CallRecorder } from '../../../../electron/engine/audio/call-recorder.ts';
import { WavWriter } from '../../../../electron/engine/audio/wav.ts';

const dir = mkdtempSync(join(tmpdir(), 'ringside-wav-'));
const read = (path: string) => {
  const wav = new wavefile.WaveFile(readFileSync(path));
  const fmt = wav.fmt as { sampleRate: number; numChannels: number; bitsPerSample: number };
  const channels = wav.getSamples(false, Int16Array) as unknown as Int16Array[];
  return { fmt, left: Array.from(channels[0]!), right: Array.from(channels[1] ?? []) };
};
const noError = (error: Error) => {
  throw error;
};

describe('WAV recording', () => {
  it('is a valid WAV after every flush, and continues where it stopped when reopened', async () => {
    const path = join(dir, 'writer.wav');
    const writer = await WavWriter.open(path, 8000, 2);
    writer.append(Int16Array.from([1, -1, 2, -2]));
    await writer.flush();
    expect(read(path)).toEqual({ fmt: expect.objectContaining({ sampleRate: 8000, numChannels: 2, bitsPerSample: 16 }), left: [1, 2], right: [-1, -2] });
    writer.append(Int16Array.from([3, -3]));
    await writer.close();
    const again = await WavWriter.open(path, 8000, 2);
    again.append(Int16Array.from([4, -4]));
    await again.close();
    expect(read(path).left).toEqual([1, 2, 3, 4]);
  });

  it('puts the caller left and the agent right, the agent at the moment it was sent', async () => {
    const path = join(dir, 'call.wav');
    const recorder = new CallRecorder(8000, path, noError);
    recorder.pushCaller(new Int16Array(160).fill(100)); // 20 ms of caller
    recorder.pushAgent(new Int16Array(80).fill(-50)); // agent speaks from 20 ms on
    recorder.pushCaller(new Int16Array(160).fill(200));
    await recorder.close();
    const { left, right } = read(path);
    expect(left).toEqual([...Array(160).fill(100), ...Array(160).fill(200)]);
    expect(right).toEqual([...Array(160).fill(0), ...Array(80).fill(-50), ...Array(80).fill(0)]);
  });

  it('keeps agent audio queued back to back, and writes what outlasts the caller when closing', async () => {
    const path = join(dir, 'tail.wav');
    const recorder = new CallRecorder(8000, path, noError);
    recorder.pushAgent(new Int16Array(100).fill(1));
    recorder.pushAgent(new Int16Array(100).fill(2));
    recorder.pushCaller(new Int16Array(50).fill(9));
    await recorder.close();
    const { left, right } = read(path);
    expect(right).toEqual([...Array(100).fill(1), ...Array(100).fill(2)]);
    expect(left).toEqual([...Array(50).fill(9), ...Array(150).fill(0)]);
    expect(recorder.durationSeconds).toBe(200 / 8000);
  });

  it('measures 20 ms peaks per channel, from the start of the call', () => {
    const recorder = new CallRecorder(8000, undefined, noError);
    recorder.pushCaller(Int16Array.from({ length: 320 }, (_, i) => (i < 160 ? 16384 : -32768)));
    recorder.pushAgent(new Int16Array(160).fill(3277));
    recorder.pushCaller(new Int16Array(160));
    expect(recorder.takePeaks()).toEqual({ startMs: 0, caller: [50, 100, 0], agent: [0, 0, 10] });
    expect(recorder.takePeaks()).toBeUndefined();
    recorder.pushCaller(new Int16Array(160));
    expect(recorder.takePeaks()?.startMs).toBe(60);
  });
});
