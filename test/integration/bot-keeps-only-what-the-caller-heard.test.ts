// However the bot's speech is cut — the caller talking over it, a supervisor's break — the line
// goes quiet once (one `break` on the wire, one `command.break` on the timeline), and the bot's
// transcript and history keep only the words whose audio the caller could have heard: speech is
// placed by the line's playout, not by when a sentence was written (text-to-speech is slow here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/call.ts';
import type { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { SPEECH_MS_PER_CHAR } from '../fakes/fake-openai.ts';
import { breaks, callDetail, callIn, clip, command, fixture, speechSeconds, startBotRig, utterances, type BotRig } from './support/bot.ts';
import { eventually, until } from './support/live.ts';

/** One sentence (so one stretch of speech), about ten seconds long. */
const ANSWER = 'Your parcel left our warehouse on Monday morning and the courier who has it now says that it should reach your door by Thursday afternoon at the very latest';

let rig: BotRig;
beforeAll(async () => {
  // Speech starts 1.5 s after each sentence is written: words are heard only once their audio plays.
  rig = await startBotRig({}, { ttsFirstByteMs: 1500 });
});
afterAll(() => rig.stop());

const breakEvents = (events: CallEvent[]) => events.filter((e) => e.providerEvent === 'command.break').map((e) => (e.detail as { origin: string }).origin);

/** Seconds of the bot's speech the media server had when the break arrived (all that was sent before it). */
function sentBeforeBreak(media: SimulatedMediaServer): number {
  const at = breaks(media)[0]!.at;
  return media.speech.filter((s) => s.at < at).reduce((n, s) => n + s.samples.length / s.sampleRate, 0);
}

/** At most the words whose share of the sentence's audio was sent before the break. */
function wordsAllowed(sentSeconds: number): number {
  const words = ANSWER.split(/\s+/).length;
  return Math.floor((words * sentSeconds) / ((ANSWER.length * SPEECH_MS_PER_CHAR) / 1000));
}

async function botAnswering(media: SimulatedMediaServer, seconds: number): Promise<void> {
  rig.openai.transcripts.push('Where is my parcel?');
  rig.openai.replies.push({ text: ANSWER });
  await media.speak(fixture('short-yes.wav'));
  await until(() => speechSeconds(media) > seconds || undefined, 15_000, 'the bot to be answering');
}

describe('when the bot is cut off', () => {
  it('a supervisor’s break reaches the bot: one break, and only the words heard in its transcript and history', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await botAnswering(media, 2);
      expect(await command(rig.engine, id, { type: 'break' })).toMatchObject({ status: 202 });
      await until(() => breaks(media).length > 0 || undefined, 3000, 'the break');
      const sent = sentBeforeBreak(media);
      await command(rig.engine, id, { type: 'digits', digits: '5' }); // after anything the break could bring
      await until(() => media.digits.includes('5') || undefined, 3000, 'the digits');
      expect(breaks(media)).toHaveLength(1);

      const { events } = await eventually(async () => {
        const detail = await callDetail(rig.engine, id);
        expect(utterances(detail.events).filter((u) => u.speaker === 'bot')).toHaveLength(1);
        return detail;
      }, 10_000);
      const cut = utterances(events).find((u) => u.speaker === 'bot')!;
      expect(cut.truncated).toBe(true);
      expect(ANSWER.startsWith(cut.text)).toBe(true);
      expect(cut.text.split(/\s+/).length).toBeLessThanOrEqual(wordsAllowed(sent));
      expect(breakEvents(events)).toEqual(['supervisor']);

      // The model is told what was heard, and nothing more.
      rig.openai.transcripts.push('Sorry, go on?');
      rig.openai.replies.push({ text: 'Of course.' });
      const chats = rig.openai.made('/v1/chat/completions').length;
      await media.speak(fixture('short-yes.wav'));
      await until(() => rig.openai.made('/v1/chat/completions').length > chats || undefined, 10_000, 'the next turn');
      const history = rig.openai.made('/v1/chat/completions').at(-1)!.body.messages as { role: string; content: string }[];
      expect(history.at(-2)).toEqual({ role: 'assistant', content: `${cut.text}… (interrupted)` });
    } finally {
      media.stop();
    }
  });

  it('the caller’s barge-in sends one break, records one event, and keeps what was heard', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await botAnswering(media, 1);
      rig.openai.transcripts.push('Sorry, I meant my other order.');
      rig.openai.replies.push({ text: 'No problem.' });
      await media.speak(clip(4));
      await until(() => breaks(media).length > 0 || undefined, 5000, 'the break');
      const sent = sentBeforeBreak(media);
      const breakAt = breaks(media)[0]!.at;
      await until(() => media.speech.some((s) => s.at > breakAt) || undefined, 15_000, 'the next answer'); // after anything the barge-in could bring
      expect(breaks(media)).toHaveLength(1);

      const { events } = await eventually(async () => {
        const detail = await callDetail(rig.engine, id);
        expect(utterances(detail.events).filter((u) => u.speaker === 'bot').map((u) => u.text)).toContain('No problem.');
        return detail;
      }, 15_000);
      const cut = utterances(events).find((u) => u.speaker === 'bot')!;
      expect(cut.truncated).toBe(true);
      expect(cut.text.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(wordsAllowed(sent));
      expect(breakEvents(events)).toEqual(['bot']);
    } finally {
      media.stop();
    }
  });
});
