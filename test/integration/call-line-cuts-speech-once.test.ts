// The bot's port to its call (calls/line.ts), on a real engine and a simulated media server: speech
// is paced out and waited for; however it is cut (the bot's clear, a supervisor's break) one
// `break` goes on the wire and one `command.break` event on the timeline, and what the caller heard
// comes back; the line's actions are recorded, and refused once the stream is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/call.ts';
import type { CallLine, Played } from '../../electron/engine/calls/line.ts';
import type { Engine } from '../../electron/engine/engine.ts';
import type { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { breaks, callDetail, callIn, command, speechSeconds } from './support/bot.ts';
import { startEngine } from './support/engine.ts';
import { eventually, until } from './support/live.ts';

let engine: Engine;
beforeAll(async () => {
  engine = await startEngine(); // no model: no bot, the test drives the line itself
});
afterAll(() => engine.stop());

/** A streamed call and its line. */
async function streamedCall(): Promise<{ id: string; media: SimulatedMediaServer; line: CallLine & { listener?: unknown } }> {
  const { id, media } = await callIn(engine);
  const session = await until(() => engine.sessions.get(id), 3000, 'the call’s session');
  return { id, media, line: session.line };
}

/** `ms` of a steady tone at 8 kHz. */
const tone = (ms: number) => new Int16Array(8 * ms).fill(3000);

const commandEvents = (events: CallEvent[], type: string) => events.filter((e) => e.providerEvent === `command.${type}`).map((e) => e.detail as { origin: string });

/** Waits until `digit` (sent after whatever is being counted) reached the media server: everything sent before it has. */
async function barrier(media: SimulatedMediaServer, send: () => unknown, digit: string): Promise<void> {
  await send();
  await until(() => media.digits.includes(digit) || undefined, 3000, `the digits ${digit}`);
}

describe('cutting the speech', () => {
  it('the bot’s clear sends one break and records one event, and says what the caller heard', async () => {
    const { id, media, line } = await streamedCall();
    try {
      expect(line.play(tone(3000), 8000)).toBe(3000);
      await until(() => speechSeconds(media) >= 0.3 || undefined, 3000, 'speech on the wire');
      const played = line.clear();
      expect(played.interrupted).toBe(true);
      expect(played.heardMs).toBeGreaterThan(0);
      expect(played.sentMs).toBeGreaterThanOrEqual(played.heardMs);
      expect(played.unheardMs).toBeGreaterThan(0);
      expect(played.heardMs + played.unheardMs).toBeCloseTo(3000, 6);

      // Nothing still unheard: a second clear sends nothing.
      expect(line.clear()).toMatchObject({ unheardMs: 0, interrupted: true });
      await barrier(media, () => line.digits('1'), '1');
      expect(breaks(media)).toHaveLength(1);
      const breakAt = breaks(media)[0]!.at;
      expect(media.speech.filter((s) => s.at > breakAt)).toEqual([]);
      expect(speechSeconds(media) * 1000).toBeCloseTo(played.sentMs, 6); // what was sent, and nothing after the break

      const events = await eventually(async () => {
        const { events } = await callDetail(engine, id);
        expect(commandEvents(events, 'digits')).toHaveLength(1);
        return events;
      });
      expect(commandEvents(events, 'break')).toEqual([{ command: { type: 'break' }, origin: 'bot' }]);
    } finally {
      media.stop();
    }
  });

  it('a supervisor’s break goes through the same door, once, and the bot is told what was heard', async () => {
    const { id, media, line } = await streamedCall();
    const told: Played[] = [];
    line.listener = { callerAudio: () => {}, supervisorAudio: () => {}, cleared: (played: Played) => told.push(played) };
    try {
      line.play(tone(3000), 8000);
      await until(() => speechSeconds(media) >= 0.3 || undefined, 3000, 'speech on the wire');
      expect(await command(engine, id, { type: 'break' })).toMatchObject({ status: 202, body: { sent: true } });
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ interrupted: true });
      expect(told[0]!.heardMs).toBeGreaterThan(0);
      expect(told[0]!.heardMs + told[0]!.unheardMs).toBeCloseTo(3000, 6);

      await barrier(media, () => command(engine, id, { type: 'digits', digits: '2' }), '2');
      expect(breaks(media)).toHaveLength(1);
      const events = await eventually(async () => {
        const { events } = await callDetail(engine, id);
        expect(commandEvents(events, 'digits')).toHaveLength(1);
        return events;
      });
      expect(commandEvents(events, 'break').map((d) => d.origin)).toEqual(['supervisor']);
      // A supervisor's break always goes out (it may stop a played file), and always reaches the bot.
      expect(await command(engine, id, { type: 'break' })).toMatchObject({ status: 202 });
      expect(told).toHaveLength(2);
      expect(told[1]).toMatchObject({ unheardMs: 0, interrupted: true });
    } finally {
      media.stop();
    }
  });
});

describe('waiting for the playout', () => {
  it('resolves once the speech was heard, early when it is cut, and rejects when its signal aborts', async () => {
    const { media, line } = await streamedCall();
    try {
      expect(await line.waitForPlayout()).toMatchObject({ unheardMs: 0, interrupted: false }); // nothing queued
      line.play(tone(200), 8000);
      const heard = await line.waitForPlayout();
      expect(heard).toMatchObject({ sentMs: 200, heardMs: 200, unheardMs: 0, interrupted: false });
      expect(speechSeconds(media)).toBeCloseTo(0.2, 6);

      line.play(tone(5000), 8000);
      const waiting = line.waitForPlayout();
      await until(() => speechSeconds(media) >= 0.4 || undefined, 3000, 'speech on the wire');
      const cut = line.clear();
      expect(await waiting).toEqual(cut);

      line.play(tone(5000), 8000);
      const turn = new AbortController();
      const abandoned = line.waitForPlayout(turn.signal);
      turn.abort(new Error('the turn is over'));
      await expect(abandoned).rejects.toThrow('the turn is over');
      line.clear();
    } finally {
      media.stop();
    }
  });
});

describe('line actions', () => {
  it('are recorded as the bot’s, and refused with 409 once the stream is gone', async () => {
    const { id, media, line } = await streamedCall();
    line.digits('42');
    await until(() => media.digits.includes('42') || undefined, 3000, 'the digits');
    line.hangUp();
    expect(await media.ended).toBe('closed');
    await until(() => engine.sessions.get(id)?.connected === false || undefined, 3000, 'the stream to be gone');
    expect(() => line.transfer('+33123456789')).toThrow(expect.objectContaining({ status: 409, message: expect.stringContaining('no live stream') }));
    expect(() => line.digits('1')).toThrow(expect.objectContaining({ status: 409 }));
    expect(line.clear()).toMatchObject({ unheardMs: 0 }); // never throws
    await eventually(async () => {
      const { events } = await callDetail(engine, id);
      expect(events.filter((e) => e.type === 'command').map((e) => [e.providerEvent, (e.detail as { origin: string }).origin])).toEqual([['command.digits', 'bot']]);
    });
  });
});
