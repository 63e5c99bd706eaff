// A supervisor's intelligence on a streamed call, through the fake OpenAI-compatible server: a
// whisper reaches the next LLM request and is never spoken; the briefing after a scripted order call
// holds the order number the caller said (live, then in history); a hand back gives the bot what
// was said during the take-over, greets no one twice and can say its hand-back line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/team.ts';
import { encodeWav } from '../../electron/engine/audio/wav.ts';
import { botQuiet, callDetail, callIn, command, fixture, hangUp, speechSeconds, startBotRig, utterances, type BotRig } from './support/bot.ts';
import { eventually, until } from './support/live.ts';

const GREETING = 'Hello, you are through to the order line.';

let rig: BotRig;
beforeAll(async () => {
  rig = await startBotRig({ botGreeting: GREETING });
});
afterAll(() => rig.stop());

type Message = { role: string; content: string | null };
const lastChat = () => rig.openai.made('/v1/chat/completions').at(-1)!.body.messages as Message[];
const spokenTexts = () => rig.openai.made('/v1/audio/speech').map((r) => String(r.body.input));

const greetings = () => spokenTexts().filter((text) => text === GREETING).length;

/** A new call, once the bot has greeted it and gone quiet. */
async function greetedCall(): Promise<Awaited<ReturnType<typeof callIn>>> {
  const before = greetings();
  const call = await callIn(rig.engine);
  await until(() => greetings() > before || undefined, 10_000, 'the greeting');
  await botQuiet(call.media, 300);
  return call;
}

/** The caller says `text` (the fake's transcript of the next utterance), the bot answers `answer`. */
async function callerSays(media: Awaited<ReturnType<typeof callIn>>['media'], text: string, answer?: string): Promise<void> {
  const chats = rig.openai.made('/v1/chat/completions').length;
  rig.openai.transcripts.push(text);
  if (answer) rig.openai.replies.push({ text: answer });
  await media.speak(fixture('short-yes.wav'));
  if (answer) {
    await until(() => rig.openai.made('/v1/chat/completions').length > chats || undefined, 10_000, 'the bot’s LLM request');
    await botQuiet(media, 300);
  }
}

describe('whisper to the bot', () => {
  it('reaches the next LLM request, is never spoken, shows as a supervisor note with who sent it, and is audited', async () => {
    const { id, media } = await greetedCall();
    try {
      const whisper = 'Offer a callback tomorrow morning.';
      expect(await command(rig.engine, id, { type: 'whisper', text: whisper })).toMatchObject({ status: 202, body: { sent: true } });
      await callerSays(media, 'Can someone look at my delivery?', 'I can arrange a callback tomorrow morning.');

      const note = lastChat().find((m) => m.role === 'system' && m.content?.includes(whisper));
      expect(note?.content).toContain('the caller does not hear it');
      // The whisper came before the caller's line that the bot answered.
      const messages = lastChat().map((m) => m.content);
      expect(messages.indexOf(note!.content)).toBeLessThan(messages.indexOf('Can someone look at my delivery?'));
      expect(spokenTexts().some((text) => text.includes('callback tomorrow morning.') && text.includes('Offer'))).toBe(false);

      const detail = await eventually(async () => {
        const found = await callDetail(rig.engine, id);
        expect(utterances(found.events).find((u) => u.note)).toBeDefined();
        return found;
      });
      expect(utterances(detail.events).find((u) => u.note)).toMatchObject({ speaker: 'supervisor', text: whisper, final: true, note: { kind: 'whisper', by: expect.any(String) } });
      const audit = (detail as unknown as { audit: AuditEntry[] }).audit;
      expect(audit.find((entry) => entry.action === 'whisper')).toMatchObject({ callId: id, detail: { characters: whisper.length } });
    } finally {
      media.stop();
    }
  });

  it('is refused plainly without text, and on a call with no live stream', async () => {
    const { id, media } = await greetedCall();
    try {
      expect((await command(rig.engine, id, { type: 'whisper', text: '  ' })).status).toBe(400);
    } finally {
      media.stop();
    }
    expect(await command(rig.engine, 'ringover-no-such-call', { type: 'whisper', text: 'hello' })).toMatchObject({ status: 404 });
  });
});

describe('briefing', () => {
  it('after a scripted order call holds the order number the caller said, live and in history, with what the model understood', async () => {
    rig.openai.understand = (transcript) => ({
      text: JSON.stringify({
        wants: transcript.includes('cancel') ? 'Cancel order 4512' : '',
        facts: [{ kind: 'name', value: 'Jeanne Martin' }],
        promises: transcript.includes('cancelled') ? ['order cancelled'] : [],
        open_question: '',
        mood: 'annoyed',
        frustrated: false,
        asks_for_person: false,
      }),
    });
    const sideBefore = rig.openai.sideRequests.length;
    const { id, media } = await greetedCall();
    try {
      await callerSays(media, 'Hello, this is Jeanne Martin. I want to cancel my order number 4512.', 'Done: your order 4512 is cancelled.');
      const live = await eventually(async () => {
        const { call } = await callDetail(rig.engine, id);
        expect(call.briefing?.wants).toBe('Cancel order 4512');
        return call.briefing!;
      }, 8000);
      expect(live.facts).toEqual(expect.arrayContaining([{ kind: 'order', value: '4512', source: 'pattern' }, { kind: 'name', value: 'Jeanne Martin', source: 'model' }]));
      expect(live.moods.map((m) => m.mood)).toEqual(['annoyed']);
      // The side request carried the transcript as stored.
      const side = rig.openai.sideRequests.slice(sideBefore);
      expect(side.length).toBeGreaterThanOrEqual(1);
      expect(String((side[0]!.body.messages as Message[])[1]!.content)).toContain('caller: Hello, this is Jeanne Martin. I want to cancel my order number 4512.');

      await hangUp(rig.engine, media);
      const ended = await eventually(async () => {
        const detail = await callDetail(rig.engine, id);
        expect(detail.call.state).toBe('ended');
        expect(detail.events.some((e) => e.providerEvent === 'bot.briefing')).toBe(true);
        return detail;
      }, 8000);
      expect(ended.call.briefing?.facts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'order', value: '4512' })]));
    } finally {
      media.stop();
      rig.openai.understand = () => ({ text: '{"mood": "calm", "frustrated": false, "asks_for_person": false}' });
    }
  });
});

describe('hand back with context', () => {
  it('gives the bot the caller’s and the supervisor’s lines of the take-over, greets no one twice and says its hand-back line', async () => {
    const { id, media } = await greetedCall();
    try {
      const greeted = greetings();
      expect(await command(rig.engine, id, { type: 'takeover' })).toMatchObject({ status: 202 });

      // The take-over span: the caller, then the supervisor on their microphone.
      await callerSays(media, 'My parcel number is 77120 and it never came.');
      await eventually(async () => expect(utterances((await callDetail(rig.engine, id)).events).map((u) => u.text)).toContain('My parcel number is 77120 and it never came.'), 8000);
      rig.openai.transcripts.push('I will ask the bot to send you a new one.');
      const mic = encodeWav(fixture('short-yes.wav'), 8000);
      expect(await command(rig.engine, id, { type: 'streamAudio', sampleRate: 8000, audioDataType: 'wav', audio: mic.toString('base64') })).toMatchObject({ status: 202 });
      await eventually(async () => expect(utterances((await callDetail(rig.engine, id)).events).filter((u) => u.speaker === 'supervisor').map((u) => u.text)).toContain('I will ask the bot to send you a new one.'), 10_000);

      const chats = rig.openai.made('/v1/chat/completions').length;
      expect(await command(rig.engine, id, { type: 'handback', line: true })).toMatchObject({ status: 202 });
      await until(() => spokenTexts().includes('Thank you for your patience, I am back with you.') || undefined, 8000, 'the hand-back line');
      await botQuiet(media, 300);
      const heard = speechSeconds(media);
      await callerSays(media, 'So what happens now?', 'I am sending you a new parcel today.');
      await until(() => speechSeconds(media) > heard + 0.5 || undefined, 8000, 'the bot again');

      const next = rig.openai.made('/v1/chat/completions')[chats]!.body.messages as Message[];
      const contents = next.map((m) => m.content);
      expect(contents).toEqual(expect.arrayContaining(['My parcel number is 77120 and it never came.', 'A supervisor told the caller: "I will ask the bot to send you a new one."', 'So what happens now?']));
      expect(next.find((m) => m.role === 'system' && m.content?.includes('do not greet the caller again'))).toBeDefined();
      // The take-over lines come before the caller's next words.
      expect(contents.indexOf('My parcel number is 77120 and it never came.')).toBeLessThan(contents.indexOf('So what happens now?'));
      expect(greetings()).toBe(greeted);
    } finally {
      media.stop();
    }
  });
});
