// A paused recording holds silence (both channels) while listen-in still hears the call; a span
// already on disk is silenced after the fact (a card number the transcript showed too late).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallRecorder } from '../../../../electron/engine/audio/call-recorder.ts';

const RATE = 8000;
const dir = mkdtempSync(join(tmpdir(), 'ringside-pause-'));
const tone = (ms: number, value: number) => new Int16Array((RATE * ms) / 1000).fill(value);

/** The recording's stereo frames as [left, right] per 10 ms, the largest magnitude of each. */
function peaksPer10ms(path: string): [number, number][] {
  const wav = readFileSync(path);
  const samples = new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + wav.length));
  const per = (RATE / 100) * 2;
  const out: [number, number][] = [];
  for (let i = 0; i < samples.length; i += per) {
    let left = 0;
    let right = 0;
    for (let j = i; j < Math.min(i + per, samples.length); j += 2) {
      left = Math.max(left, Math.abs(samples[j]!));
      right = Math.max(right, Math.abs(samples[j + 1]!));
    }
    out.push([left, right]);
  }
  return out;
}

describe('pausing a recording', () => {
  it('writes silence while paused, and listen-in still hears the call', async () => {
    const path = join(dir, 'paused.wav');
    const recorder = new CallRecorder(RATE, path, (error) => {
      throw error;
    });
    let heard = 0;
    recorder.onMixed = (frames) => (heard = Math.max(heard, ...frames));
    recorder.pushCaller(tone(100, 1000));
    recorder.paused = true;
    recorder.pushAgent(tone(100, 2000));
    recorder.pushCaller(tone(100, 3000));
    recorder.paused = false;
    recorder.pushCaller(tone(100, 4000));
    await recorder.close();
    expect(heard).toBe(4000);
    const peaks = peaksPer10ms(path);
    expect(peaks).toHaveLength(30);
    expect(peaks.slice(0, 10).every(([l, r]) => l === 1000 && r === 0)).toBe(true);
    expect(peaks.slice(10, 20).every(([l, r]) => l === 0 && r === 0)).toBe(true);
    expect(peaks.slice(20).every(([l]) => l === 4000)).toBe(true);
  });

  it('silences what was recorded since a point, on disk and still in memory', async () => {
    const path = join(dir, 'since.wav');
    const recorder = new CallRecorder(RATE, path, (error) => {
      throw error;
    });
    recorder.pushCaller(tone(1000, 1000)); // two blocks of half a second
    await recorder.flush();
    recorder.pushCaller(tone(200, 2000)); // still in memory
    await recorder.silenceSince(600);
    recorder.pushCaller(tone(100, 3000)); // after: recorded as it is
    await recorder.close();
    const peaks = peaksPer10ms(path);
    expect(peaks).toHaveLength(130);
    expect(peaks.slice(0, 60).every(([l]) => l === 1000)).toBe(true);
    expect(peaks.slice(60, 120).every(([l, r]) => l === 0 && r === 0)).toBe(true);
    expect(peaks.slice(120).every(([l]) => l === 3000)).toBe(true);
  });
});
