// One turn of the bot's speech (pipeline/speech-turn.ts) on a real call's line: `interrupt()` aborts
// the turn, clears the line once, stores the line cut to what the caller heard and waits for the
// turn's tasks (within its bound) before it returns what was heard; `finish()` stores the line once
// its audio has played, marked incomplete when the model stopped early; metrics are reported once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnMetrics, Utterance } from '../../shared/call.ts';
import type { CallLine } from '../../electron/engine/calls/line.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import type { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { SpeechTurn } from '../../electron/engine/pipeline/speech-turn.ts';
import { Interrupted } from '../../electron/engine/pipeline/stage-error.ts';
import { breaks, callIn, speechSeconds } from './support/bot.ts';
import { startEngine } from './support/engine.ts';
import { until } from './support/live.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine(); // no model: no bot, the test drives the line itself
});
afterAll(() => engine.stop());

/** `ms` of a steady tone at 8 kHz. */
const tone = (ms: number) => new Int16Array(8 * ms).fill(3000);

async function turnOnALine(): Promise<{ media: SimulatedMediaServer; line: CallLine; turn: SpeechTurn; lines: Utterance[]; ended: TurnMetrics[]; cut: unknown[] }> {
  const { id, media } = await callIn(engine);
  const session = await until(() => engine.sessions.get(id), 3000, 'the call’s session');
  const lines: Utterance[] = [];
  const ended: TurnMetrics[] = [];
  const cut: unknown[] = [];
  const port = { line: session.line, now: () => performance.now(), utterance: (u: Utterance) => lines.push(u), ended: (m: TurnMetrics) => ended.push(m), speaking: () => {} };
  const turn = new SpeechTurn(port, { number: 7, speaker: 'bot', from: performance.now(), interrupted: (heard) => cut.push(heard) });
  return { media, line: session.line, turn, lines, ended, cut };
}

describe('a speech turn', () => {
  it('interrupt: aborts, clears the line once, keeps what was heard, and waits for its tasks', async () => {
    const { media, turn, lines, ended, cut } = await turnOnALine();
    try {
      turn.sentence('One two three four five six seven eight.');
      turn.play(tone(4000), 8000);
      await until(() => speechSeconds(media) >= 0.5 || undefined, 3000, 'speech on the wire');
      let taskSawAbort = false;
      void turn.run(
        new Promise<void>((resolve) =>
          turn.signal.addEventListener('abort', () => setImmediate(() => {
            taskSawAbort = true;
            resolve();
          })),
        ),
      );

      const heard = await turn.interrupt('barge-in');
      expect(taskSawAbort).toBe(true); // its task had stopped before interrupt returned
      expect(turn.signal.reason).toBeInstanceOf(Interrupted);
      expect(heard.truncated).toBe(true);
      expect(heard.heardMs).toBeGreaterThan(0);
      expect(heard.heardMs).toBeLessThan(4000);
      expect('One two three four five six seven eight.'.startsWith(heard.text)).toBe(true);
      expect(cut).toEqual([heard]);
      const final = lines.filter((u) => u.final);
      expect(final).toEqual([expect.objectContaining({ speaker: 'bot', text: heard.text, truncated: true, endMs: expect.any(Number) })]);
      expect(ended).toEqual([expect.objectContaining({ turn: 7, interrupted: true, firstAudioMs: expect.any(Number) })]);

      // Once over, nothing more of it reaches the line, and a second interrupt changes nothing.
      expect(turn.play(tone(500), 8000)).toBe(0);
      expect(await turn.interrupt('again')).toMatchObject({ text: '', heardMs: 0 });
      expect(lines.filter((u) => u.final)).toHaveLength(1);
      expect(ended).toHaveLength(1);
      await until(() => breaks(media).length > 0 || undefined, 3000, 'the break');
      expect(breaks(media)).toHaveLength(1);
    } finally {
      media.stop();
    }
  });

  it('interrupt returns within its bound even when a task never settles', async () => {
    const { media, turn } = await turnOnALine();
    try {
      turn.sentence('Hello.');
      turn.play(tone(300), 8000);
      void turn.run(new Promise<never>(() => {}));
      const heard = await turn.interrupt('stuck vendor', undefined, 20);
      expect(heard.text === '' || heard.text === 'Hello.').toBe(true);
    } finally {
      media.stop();
    }
  });

  it('finish: stores the whole line once it has played, marked incomplete when the model stopped early', async () => {
    const { media, turn, lines, ended } = await turnOnALine();
    try {
      turn.words('It left');
      turn.play(tone(300), 8000);
      turn.words(' on Monday');
      expect(lines.filter((u) => !u.final).map((u) => u.text)).toEqual(['It left', 'It left on Monday']);
      expect(await turn.finish('max_output_tokens')).toBe(true);
      expect(speechSeconds(media)).toBeCloseTo(0.3, 5);
      expect(lines.filter((u) => u.final)).toEqual([expect.objectContaining({ text: 'It left on Monday', final: true, incomplete: 'max_output_tokens' })]);
      expect(lines.at(-1)!.truncated).toBeUndefined();
      expect(ended).toEqual([expect.objectContaining({ turn: 7 })]);
      expect(ended[0]!.interrupted).toBeUndefined();
      expect(await turn.interrupt('too late')).toMatchObject({ text: '' });
      expect(breaks(media)).toHaveLength(0);
    } finally {
      media.stop();
    }
  });
});
