// The bot stops the moment the caller talks over it (but not for an "mm-hmm"), goes silent when a
// supervisor takes the call, speaks the supervisor's words, and picks up again on hand back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../electron/engine/audio/wav.ts';
import { botQuiet, breaks, callDetail, callIn, clip, command, fixture, speechSeconds, startBotRig, utterances, type BotRig } from './support/bot.ts';
import { LOCAL_ADMIN } from '../../electron/engine/team/team.ts';
import { eventually, until } from './support/live.ts';

const LONG_ANSWER = 'Thanks for waiting. I can see your order here. It left our warehouse on Monday morning. The courier has it now. It should reach you by Thursday at the latest. Is there anything else I can help you with today?';

let rig: BotRig;
beforeAll(async () => {
  // The LLM writes slowly (one word every 120 ms), so it is still writing when the caller cuts in.
  rig = await startBotRig({}, { llmTokenMs: 120 });
});
afterAll(() => rig.stop());

/** The caller asks something and the bot starts its long answer. */
async function botAnswering(media: Awaited<ReturnType<typeof callIn>>['media'], answer = LONG_ANSWER): Promise<void> {
  rig.openai.transcripts.push('Where is my order?');
  rig.openai.replies.push({ text: answer });
  await media.speak(fixture('short-yes.wav'));
  await until(() => speechSeconds(media) > 1.2 || undefined, 10_000, 'the bot to be answering');
}

describe('caller barge-in', () => {
  it('breaks the speech, aborts the turn, and keeps only what the caller heard', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await botAnswering(media);
      const chat = rig.openai.made('/v1/chat/completions').at(-1)!;
      rig.openai.transcripts.push('Sorry, I meant my other order.');
      rig.openai.replies.push({ text: 'No problem. Which one?' });
      const interruption = media.speak(clip(4));

      await until(() => breaks(media).length > 0 || undefined, 5000, 'a break on the wire');
      const spoken = await interruption;
      expect(breaks(media)[0]!.at).toBeGreaterThan(spoken.startedAt);
      await until(() => chat.aborted, 2000, 'the LLM request to be cancelled'); // it was still writing
      const sentences = rig.openai.made('/v1/audio/speech').map((r) => r.body.input);
      expect(sentences).not.toContain('Is there anything else I can help you with today?');

      const { events } = await eventually(async () => {
        const detail = await callDetail(rig.engine, id);
        expect(utterances(detail.events).map((u) => u.speaker)).toEqual(['caller', 'bot', 'caller', 'bot']);
        return detail;
      }, 10_000);
      const [, cut, again, answer] = utterances(events);
      expect(cut!.truncated).toBe(true);
      expect(cut!.text.length).toBeGreaterThan(0);
      expect(LONG_ANSWER.startsWith(cut!.text)).toBe(true);
      expect(cut!.text.length).toBeLessThan(LONG_ANSWER.length);
      expect(again!.text).toBe('Sorry, I meant my other order.');
      expect(answer!.text).toBe('No problem. Which one?');
      expect(answer!.truncated).toBeUndefined();
      // The model is told what the caller actually heard before the interruption.
      const history = rig.openai.made('/v1/chat/completions').at(-1)!.body.messages as { role: string; content: string }[];
      expect(history.at(-2)).toEqual({ role: 'assistant', content: `${cut!.text}… (interrupted)` });
      expect(history.at(-1)).toEqual({ role: 'user', content: 'Sorry, I meant my other order.' });
      const turns = events.filter((e) => e.type === 'turn').map((e) => (e.detail as { metrics: { interrupted?: boolean } }).metrics);
      expect(turns.map((t) => t.interrupted ?? false)).toEqual([true, false]);
    } finally {
      media.stop();
    }
  });

  it('talks on through a short backchannel ("yeah")', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      const answer = 'Thanks for waiting. The courier has your order now.';
      await botAnswering(media, answer);
      const chats = rig.openai.made('/v1/chat/completions').length;
      rig.openai.transcripts.push('Yeah.');
      await media.speak(fixture('backchannel-yeah.wav')); // 220 ms: under the 250 ms barge-in minimum
      await botQuiet(media);

      expect(breaks(media)).toEqual([]);
      expect(rig.openai.made('/v1/chat/completions').length).toBe(chats);
      const { events } = await eventually(async () => {
        const detail = await callDetail(rig.engine, id);
        expect(utterances(detail.events).some((u) => u.speaker === 'bot')).toBe(true);
        return detail;
      }, 5000);
      const bot = utterances(events).find((u) => u.speaker === 'bot')!;
      expect(bot.text).toBe(answer);
      expect(bot.truncated).toBeUndefined();
    } finally {
      media.stop();
    }
  });
});

describe('supervisor takeover', () => {
  it('silences the bot at once, keeps transcribing both sides, speaks "say" in the bot voice, and hands back', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await botAnswering(media);
      const chat = rig.openai.made('/v1/chat/completions').at(-1)!;
      expect(await command(rig.engine, id, { type: 'takeover' })).toMatchObject({ status: 202, body: { sent: true } });
      await until(() => breaks(media).length > 0 || undefined, 2000, 'a break on the wire');
      await until(() => chat.aborted, 2000, 'the LLM request to be cancelled');
      expect((await callDetail(rig.engine, id)).call).toMatchObject({ mode: 'human', bot: { state: 'silent' } });
      const live = await until(() => rig.live.messages.findLast((m) => m.type === 'call.updated' && m.call.id === id && m.call.mode === 'human'), 2000, 'the mode on /api/live');
      expect(live).toBeDefined();

      // The caller talks to the supervisor: transcribed, never answered by the bot.
      const chats = rig.openai.made('/v1/chat/completions').length;
      const heardBefore = speechSeconds(media);
      rig.openai.transcripts.push('Are you a real person?');
      await media.speak(fixture('short-yes.wav'));
      await eventually(async () => expect(utterances((await callDetail(rig.engine, id)).events).map((u) => u.text)).toContain('Are you a real person?'), 8000);
      expect(speechSeconds(media)).toBe(heardBefore);

      // The supervisor types; the caller hears it in the bot's voice.
      expect(await command(rig.engine, id, { type: 'say', text: 'Yes, I am here to help you.' })).toMatchObject({ status: 202 });
      await until(() => speechSeconds(media) > heardBefore + 1 || undefined, 5000, 'the said line');
      expect(rig.openai.made('/v1/audio/speech').at(-1)!.body).toMatchObject({ input: 'Yes, I am here to help you.', voice: 'alloy' });
      // By the time the said line was heard, a reply the bot had started to the caller's question
      // would have reached the LLM long before: none did.
      expect(rig.openai.made('/v1/chat/completions').length).toBe(chats);

      // The supervisor speaks on their microphone: transcribed as the supervisor.
      rig.openai.transcripts.push('Let me check that for you.');
      const mic = encodeWav(fixture('short-yes.wav'), 8000);
      await botQuiet(media, 300);
      expect(await command(rig.engine, id, { type: 'streamAudio', sampleRate: 8000, audioDataType: 'wav', audio: mic.toString('base64') })).toMatchObject({ status: 202 });
      const { events } = await eventually(async () => {
        const detail = await callDetail(rig.engine, id);
        expect(utterances(detail.events).filter((u) => u.speaker === 'supervisor').map((u) => u.text)).toEqual(['Yes, I am here to help you.', 'Let me check that for you.']);
        return detail;
      }, 10_000);
      const supervisorCommands = (list: typeof events) => list.filter((e) => e.providerEvent === 'command.streamAudio' && (e.detail as { origin: string }).origin === 'supervisor');
      expect(supervisorCommands(events)).toEqual([]); // the supervisor's span of speech is still open
      // The take-over's break is the supervisor's, not the bot's; "say" is on the timeline with who sent it.
      const commands = events.filter((e) => e.type === 'command').map((e) => ({ name: e.providerEvent, origin: e.detail!.origin, by: (e.detail!.by as { name?: string } | undefined)?.name }));
      expect(commands).toEqual(
        expect.arrayContaining([
          { name: 'command.break', origin: 'supervisor', by: LOCAL_ADMIN.name },
          { name: 'command.say', origin: 'supervisor', by: LOCAL_ADMIN.name },
        ]),
      );
      expect(commands.filter((c) => c.name === 'command.break' && c.origin === 'bot')).toEqual([]);

      // Hand back: the bot answers the caller again, knowing what the supervisor said.
      await botQuiet(media, 300);
      expect(await command(rig.engine, id, { type: 'handback' })).toMatchObject({ status: 202 });
      // The hand back closes the span: one timeline entry for the supervisor's voice.
      await eventually(async () => expect(supervisorCommands((await callDetail(rig.engine, id)).events)).toHaveLength(1));
      expect((await callDetail(rig.engine, id)).call).toMatchObject({ mode: 'bot', bot: { state: 'listening' } });
      rig.openai.transcripts.push('Thank you.');
      rig.openai.replies.push({ text: 'You are welcome.' });
      const before = speechSeconds(media);
      await media.speak(fixture('short-yes.wav'));
      await until(() => speechSeconds(media) > before + 0.5 || undefined, 8000, 'the bot again');
      const history = rig.openai.made('/v1/chat/completions').at(-1)!.body.messages as { role: string; content: string }[];
      expect(history.map((m) => m.content)).toEqual(
        expect.arrayContaining(['Are you a real person?', 'A supervisor told the caller: "Let me check that for you."', 'Thank you.']),
      );
    } finally {
      media.stop();
    }
  });

  it('refuses bot commands on calls that have no live stream, saying why', async () => {
    const reply = await command(rig.engine, 'ringover-no-such-call', { type: 'takeover' });
    expect(reply).toMatchObject({ status: 404, body: { error: expect.stringContaining('no call') } });
    const bad = await command(rig.engine, 'ringover-no-such-call', { type: 'say', text: '' });
    expect(bad.status).toBe(400);
  });
});
