// The recorder mixes without allocating per frame; a plain per-sample model says what it must produce.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { CallRecorder } from '../../../../electron/engine/audio/call-recorder.ts';

type Step = { kind: 'caller' | 'agent'; length: number; value: number };

/** The obvious model: caller appends; agent starts at "now" or right after queued agent audio. */
function model(steps: Step[]) {
  const left: number[] = [];
  const right: number[] = [];
  let agentEnd = 0;
  for (const step of steps) {
    if (step.kind === 'caller') {
      for (let i = 0; i < step.length; i++) left.push(step.value);
    } else {
      let at = Math.max(left.length, agentEnd);
      for (let i = 0; i < step.length; i++) right[at++] = step.value;
      agentEnd = at;
    }
  }
  const frames = Math.max(left.length, agentEnd);
  return { left: Array.from({ length: frames }, (_, i) => left[i] ?? 0), right: Array.from({ length: frames }, (_, i) => right[i] ?? 0) };
}

const dir = mkdtempSync(join(tmpdir(), 'ringside-model-'));
let n = 0;

describe('call recorder', () => {
  it('writes what the simple model says, for any order of caller and agent audio', async () => {
    const step = fc.record({ kind: fc.constantFrom<'caller' | 'agent'>('caller', 'caller', 'agent'), length: fc.integer({ min: 1, max: 5000 }), value: fc.integer({ min: -3000, max: 3000 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const path = join(dir, `${n++}.wav`);
        const recorder = new CallRecorder(8000, path, (e) => {
          throw e;
        });
        for (const s of steps) {
          const samples = new Int16Array(s.length).fill(s.value);
          if (s.kind === 'caller') recorder.pushCaller(samples);
          else recorder.pushAgent(samples);
        }
        await recorder.close();
        const channels = new wavefile.WaveFile(readFileSync(path)).getSamples(false, Int16Array) as unknown as Int16Array[];
        const expected = model(steps);
        expect(Array.from(channels[0]!)).toEqual(expected.left);
        expect(Array.from(channels[1]!)).toEqual(expected.right);
      }),
      { numRuns: 150 },
    );
  });
});
