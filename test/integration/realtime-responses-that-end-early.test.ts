// The realtime engine against a local OpenAI-compatible server over plain HTTP (its Realtime API on
// `ws://…/v1/realtime`), and the responses that end before their last word, as the Realtime API
// reports them in `response.done`: `incomplete` (status_details.reason "max_output_tokens"),
// `cancelled` by the server, and `failed` (status_details.error) — each after some audio. What was
// sent plays out, the line is stored as final and marked incomplete, the bot listens again, and a
// failure shows its reason on the card and the timeline.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Call, CallEvent } from '../../shared/call.ts';
import type { RealtimeScript } from '../fakes/fake-realtime.ts';
import { botQuiet, callDetail, callIn, fixture, speechSeconds, startBotRig, utterances, type BotRig } from './support/bot.ts';
import { eventually, until } from './support/live.ts';

let rig: BotRig;
beforeAll(async () => {
  rig = await startBotRig({ botEngine: 'realtime' }); // the fake serves plain http: no TLS anywhere
});
afterAll(() => rig.stop());
afterEach(() => {
  script().transcripts.length = 0;
  script().replies.length = 0;
  script().endNext = undefined;
});

const script = () => rig.openai.realtime;
const LONG = 'I can see your order here and it left our warehouse on Monday morning with the courier.';
/** The fake sends one word of the transcript with each 100 ms piece of audio. */
const firstWords = (n: number) => LONG.split(' ').slice(0, n).join(' ');

/** The caller asks; the model's answer stops after `pieces` pieces with `end`. */
async function askAndEndEarly(end: Omit<NonNullable<RealtimeScript['endNext']>, 'afterPieces'>, pieces: number) {
  const { id, media } = await callIn(rig.engine);
  await eventually(async () => expect(script().requests.some((r) => r.type === 'session.update')).toBe(true), 5000);
  script().transcripts.push('Where is my order?');
  script().replies.push({ text: LONG });
  script().endNext = { ...end, afterPieces: pieces };
  await media.speak(fixture('short-yes.wav'));
  await until(() => speechSeconds(media) > 0 || undefined, 8000, 'the start of the answer');
  await botQuiet(media, 300);
  // Once played out, the line is final and the bot listens again.
  const detail = await eventually(async () => {
    const now = await callDetail(rig.engine, id);
    expect(utterances(now.events).filter((u) => u.speaker === 'bot' && u.final)).toHaveLength(1);
    expect(now.call.bot?.state).toBe('listening');
    return now;
  }, 8000);
  return { id, media, detail };
}

const botLine = (events: CallEvent[]) => utterances(events).find((u) => u.speaker === 'bot')!;

describe('the realtime engine on a local server', () => {
  it('opens ws:// when the base URL is http:// and speaks with the model', async () => {
    expect(rig.openai.baseURL).toMatch(/^http:\/\//);
    const { id, media } = await callIn(rig.engine);
    try {
      const update = await until(() => script().requests.find((r) => r.type === 'session.update'), 5000, 'the session');
      expect((update.session as { type: string }).type).toBe('realtime');
      script().transcripts.push('Hello?');
      script().replies.push({ text: 'Hello, how can I help?' });
      await media.speak(fixture('short-yes.wav'));
      await eventually(async () => expect(utterances((await callDetail(rig.engine, id)).events).map((u) => `${u.speaker}: ${u.text}`)).toEqual(['caller: Hello?', 'bot: Hello, how can I help?']), 8000);
      expect((await callDetail(rig.engine, id)).call.bot).toEqual(expect.objectContaining({ engine: 'realtime', state: 'listening' }));
    } finally {
      media.stop();
    }
  });
});

describe('responses that end early', () => {
  it('incomplete (max_output_tokens): plays what was sent, stores it marked incomplete, listens again', async () => {
    const { media, detail } = await askAndEndEarly({ status: 'incomplete', status_details: { type: 'incomplete', reason: 'max_output_tokens' } }, 5);
    try {
      expect(speechSeconds(media)).toBeCloseTo(0.5, 5); // five 100 ms pieces, all of them played
      expect(botLine(detail.events)).toMatchObject({ text: firstWords(5), final: true, incomplete: 'max_output_tokens' });
      expect(botLine(detail.events).truncated).toBeUndefined();
      expect(detail.call).toMatchObject({ mode: 'bot', bot: { engine: 'realtime', state: 'listening' } });
      expect(detail.call.bot?.error).toBeUndefined();
      expect(detail.call.needsHuman).toBeUndefined();

      // The next question gets a whole answer.
      script().transcripts.push('And the other one?');
      script().replies.push({ text: 'That one arrives today.' });
      await media.speak(fixture('short-yes.wav'));
      await eventually(async () => expect(utterances((await callDetail(rig.engine, detail.call.id)).events).map((u) => u.text)).toContain('That one arrives today.'), 8000);
    } finally {
      media.stop();
    }
  });

  it('cancelled by the server: the same, marked cancelled', async () => {
    const { media, detail } = await askAndEndEarly({ status: 'cancelled', status_details: { type: 'cancelled', reason: 'turn_detected' } }, 4);
    try {
      expect(speechSeconds(media)).toBeCloseTo(0.4, 5);
      expect(botLine(detail.events)).toMatchObject({ text: firstWords(4), final: true, incomplete: 'cancelled' });
      expect(detail.call).toMatchObject({ mode: 'bot', bot: { state: 'listening' } });
    } finally {
      media.stop();
    }
  });

  it('failed after some audio: plays it out, stores it, shows the reason on the card and the timeline, listens again', async () => {
    const error = { type: 'server_error', code: 'internal_error', message: 'The server had an error while processing your request.' };
    const { media, detail } = await askAndEndEarly({ status: 'failed', status_details: { type: 'failed', error } }, 3);
    try {
      expect(speechSeconds(media)).toBeCloseTo(0.3, 5); // no fallback on top: the caller heard the bot
      expect(botLine(detail.events)).toMatchObject({ text: firstWords(3), final: true, incomplete: 'failed' });
      const call: Call = detail.call;
      expect(call).toMatchObject({ mode: 'bot', bot: { state: 'listening', error: `the realtime model failed: ${error.message}` } });
      expect(call.needsHuman).toBeUndefined();
      const failures = detail.events.filter((e) => e.providerEvent === 'bot.error').map((e) => e.detail);
      expect(failures).toEqual([{ error: `the realtime model failed: ${error.message}` }]);
    } finally {
      media.stop();
    }
  });
});
