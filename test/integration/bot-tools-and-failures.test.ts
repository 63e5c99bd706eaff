// The bot's tools (ask for a person, transfer, press keys, hang up), what happens when a model
// fails or stalls (the caller hears the fallback, the call is flagged, the card shows the error,
// other calls go on), the after-call summary, and monitor-only calls when no model is configured.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../shared/call.ts';
import { botQuiet, callDetail, callIn, command, FALLBACK_SECONDS, fixture, hangUp, speechSeconds, startBotRig, utterances, type BotRig } from './support/bot.ts';
import { consoleGet, startEngine } from './support/engine.ts';
import { eventually, until } from './support/live.ts';

let rig: BotRig;
beforeAll(async () => {
  rig = await startBotRig({ modelTimeoutMs: 1500 });
});
afterAll(() => rig.stop());
// A failing stage leaves its scripted transcript or reply unused: never let it leak into the next test.
afterEach(() => {
  rig.openai.transcripts.length = 0;
  rig.openai.replies.length = 0;
});

/** The caller says something (scripted transcript) and the bot's next reply is `reply`. */
async function callerSays(media: Awaited<ReturnType<typeof callIn>>['media'], transcript: string, reply?: Parameters<BotRig['openai']['replies']['push']>[0]): Promise<void> {
  rig.openai.transcripts.push(transcript);
  if (reply) rig.openai.replies.push(reply);
  await media.speak(fixture('short-yes.wav'));
}

const current = async (id: string): Promise<Call> => (await callDetail(rig.engine, id)).call;

describe('bot tools', () => {
  it('transfer_to_human flags the call, tells the supervisor, plays the hold message and goes quiet', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await callerSays(media, 'I want to speak to a person.', { text: 'Of course.', toolCalls: [{ name: 'transfer_to_human', arguments: { reason: 'the caller asked for a person' } }] });
      const call = await eventually(async () => {
        const now = await current(id);
        expect(now.needsHuman?.reason).toBe('the caller asked for a person');
        return now;
      }, 8000);
      expect(call.mode).toBe('human');
      // The console words the hand-over from codes; the English stays for API clients.
      expect(call.needsHuman?.cause).toBe('bot-asked');
      const modeEvent = await eventually(async () => {
        const found = (await callDetail(rig.engine, id)).events.find((e) => e.providerEvent === 'bot.mode' && e.detail?.mode === 'human');
        expect(found).toBeDefined();
        return found!;
      }, 3000);
      expect(modeEvent.detail).toMatchObject({ mode: 'human', cause: 'bot-asked', said: 'the caller asked for a person', reason: 'the bot asked for a person: the caller asked for a person' });
      const spoken = () => rig.openai.made('/v1/audio/speech').map((r) => r.body.input).join(' ');
      await until(() => spoken().endsWith('Of course. Thank you. Please hold while I connect you to a colleague.'), 3000, 'the hold message');
      const notice = await until(() => rig.live.messages.find((m) => m.type === 'call.updated' && m.call.id === id && m.call.needsHuman), 3000, 'the supervisor notice');
      expect(notice).toBeDefined();
      // The tool result went back into the conversation for later turns.
      await botQuiet(media, 300);
      const chats = rig.openai.made('/v1/chat/completions').length;
      await callerSays(media, 'Hello? Anyone there?');
      await eventually(async () => expect(utterances((await callDetail(rig.engine, id)).events).map((u) => u.text)).toContain('Hello? Anyone there?'), 8000);
      expect(rig.openai.made('/v1/chat/completions').length).toBe(chats);

      // A supervisor takes the call: the flag is answered.
      expect(await command(rig.engine, id, { type: 'takeover' })).toMatchObject({ status: 202 });
      await eventually(async () => expect((await current(id)).needsHuman).toBeUndefined(), 3000);
    } finally {
      media.stop();
    }
  });

  it('presses keys and transfers the call when the model asks to', async () => {
    const { media } = await callIn(rig.engine);
    try {
      await callerSays(media, 'Put me through to billing.', {
        text: 'Connecting you to billing now.',
        toolCalls: [
          { name: 'send_dtmf', arguments: { digits: '12#' } },
          { name: 'transfer', arguments: { number: '+33 1 23 45 67 89' } },
        ],
      });
      expect(await media.ended).toBe('transferred');
      expect(media.digits).toEqual(['12#']);
      expect(media.transferredTo).toBe('+33123456789');
      // The transfer waited until the caller had heard the goodbye.
      const transfer = media.commands.find((c) => c.message.event === 'transfer')!;
      const lastSpeech = media.speech.at(-1)!;
      expect(transfer.at).toBeGreaterThan(lastSpeech.at);
    } finally {
      media.stop();
    }
  });

  it('hangs up when the model ends the call, after its last words', async () => {
    const { media } = await callIn(rig.engine);
    try {
      await callerSays(media, 'That is all, thanks.', { text: 'Goodbye!', toolCalls: [{ name: 'end_call', arguments: {} }] });
      expect(await media.ended).toBe('closed');
      expect(speechSeconds(media)).toBeGreaterThan(0.4);
    } finally {
      media.stop();
    }
  });
});

describe('model failures', () => {
  it('a stream that closes while the bot speaks ends its turn quietly: no person asked for, no error', async () => {
    const { id, media } = await callIn(rig.engine);
    // The transfer waits until the caller has heard the goodbye: by then the stream is gone (the
    // caller hung up, the demo was stopped), and the command has nowhere to go.
    await callerSays(media, 'Put me through to billing.', {
      text: 'Connecting you to billing now, please stay on the line while I find someone for you.',
      toolCalls: [{ name: 'transfer', arguments: { number: '+33 1 23 45 67 89' } }],
    });
    await until(() => media.speech.length > 0 || undefined, 8000, 'the bot to start speaking');
    media.stop();
    const call = await eventually(async () => {
      const now = await current(id);
      expect(['listening', 'silent']).toContain(now.bot?.state);
      return now;
    }, 8000);
    expect(call.needsHuman).toBeUndefined();
    expect(call.bot?.error).toBeUndefined();
    expect(call.mode).toBe('bot');
    expect(media.transferredTo).toBeUndefined();
  });

  it('a failing LLM gets the caller the spoken fallback and a person, and only on that call', async () => {
    const broken = await callIn(rig.engine);
    const healthy = await callIn(rig.engine);
    try {
      await callerSays(broken.media, 'My bill is wrong.', { status: 500 });
      const call = await eventually(async () => {
        const now = await current(broken.id);
        expect(now.needsHuman).toBeDefined();
        return now;
      }, 8000);
      expect(call.mode).toBe('human');
      expect(call.bot?.error).toMatch(/^the language model failed: /);
      expect(call.needsHuman!.reason).toContain('the language model failed');
      expect(call.needsHuman!.cause).toBe('bot-failed');
      const modeEvent = await eventually(async () => {
        const found = (await callDetail(rig.engine, broken.id)).events.find((e) => e.providerEvent === 'bot.mode' && e.detail?.mode === 'human');
        expect(found).toBeDefined();
        return found!;
      }, 3000);
      expect(modeEvent.detail).toMatchObject({ mode: 'human', cause: 'bot-failed', reason: 'the bot failed' });
      await until(() => speechSeconds(broken.media) >= FALLBACK_SECONDS - 0.1 || undefined, 12_000, 'the whole fallback');

      await callerSays(healthy.media, 'And my bill?', { text: 'Let me check your bill.' });
      await until(() => speechSeconds(healthy.media) > 1 || undefined, 8000, 'the healthy call to be answered');
      const other = await current(healthy.id);
      expect(other).toMatchObject({ mode: 'bot' });
      expect(other.needsHuman).toBeUndefined();
      expect(other.bot?.error).toBeUndefined();
    } finally {
      broken.media.stop();
      healthy.media.stop();
    }
  });

  it('a stalled LLM (no answer within the timeout) gets the fallback too', async () => {
    const { id, media } = await callIn(rig.engine);
    rig.openai.options.llmFirstTokenMs = 5000;
    try {
      await callerSays(media, 'Hello?', { text: 'Too late.' });
      await eventually(async () => expect((await current(id)).bot?.error).toBe('the language model failed: no answer within 1500 ms'), 8000);
      await until(() => speechSeconds(media) > 1 || undefined, 5000, 'the fallback');
      expect(rig.openai.made('/v1/audio/speech').some((r) => r.body.input === 'Too late.')).toBe(false);
    } finally {
      rig.openai.options.llmFirstTokenMs = 0;
      media.stop();
    }
  });

  it('failing speech-to-text and text-to-speech are caught the same way', async () => {
    for (const stage of ['stt', 'tts'] as const) {
      const { id, media } = await callIn(rig.engine);
      rig.openai.failing.add(stage);
      try {
        await callerSays(media, 'Hello?', { text: 'Hi there.' });
        const call = await eventually(async () => {
          const now = await current(id);
          expect(now.bot?.error).toBeDefined();
          expect(now.needsHuman).toBeDefined();
          return now;
        }, 8000);
        expect(call.bot!.error).toMatch(stage === 'stt' ? /^speech-to-text failed/ : /^text-to-speech failed/);
        await until(() => speechSeconds(media) > 1 || undefined, 5000, 'the fallback');
      } finally {
        rig.openai.failing.delete(stage);
        media.stop();
      }
    }
  });

  it('handing back after a failure clears the error and lets the bot answer again', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await callerSays(media, 'Hi.', { status: 503 });
      await eventually(async () => expect((await current(id)).bot?.error).toBeDefined(), 8000);
      await botQuiet(media, 300);
      expect(await command(rig.engine, id, { type: 'handback' })).toMatchObject({ status: 202 });
      const back = await current(id);
      expect(back).toMatchObject({ mode: 'bot' });
      expect(back.bot?.error).toBeUndefined();
      const before = speechSeconds(media);
      await callerSays(media, 'Are you back?', { text: 'Yes, I am back.' });
      await until(() => speechSeconds(media) > before + 0.5 || undefined, 8000, 'the bot again');
    } finally {
      media.stop();
    }
  });
});

describe('after the call', () => {
  it('stores a summary and a disposition once the caller hangs up', async () => {
    const { id, media } = await callIn(rig.engine);
    await callerSays(media, 'I need to change my address.', { text: 'Done, your address is updated.' });
    await until(() => speechSeconds(media) > 1 || undefined, 8000, 'the answer');
    await botQuiet(media, 300);
    const asked = rig.openai.summaries.length;
    rig.openai.summary = { text: 'Here you go: {"summary": "Caller changed their address; done.", "disposition": "resolved"}' };
    await hangUp(rig.engine, media);

    const call = await eventually(async () => {
      const now = await current(id);
      expect(now.summary).toBeDefined();
      return now;
    }, 8000);
    expect(call).toMatchObject({ summary: 'Caller changed their address; done.', disposition: 'resolved' });
    // Calls of earlier tests may be summarised meanwhile: this call's request is the one about it.
    const transcripts = rig.openai.summaries.slice(asked).map((request) => (request.body.messages as { content: string }[])[1]!.content);
    expect(transcripts, JSON.stringify(transcripts)).toContain('caller: I need to change my address.\nbot: Done, your address is updated.');
    // History search finds the call by what was said.
    const found = await eventually(async () => {
      const reply = await consoleGet(rig.engine, `/api/calls?q=${encodeURIComponent('address is updated')}`);
      expect((reply.body.calls as Call[]).map((c) => c.id)).toContain(id);
      return reply;
    }, 3000);
    expect(found).toBeDefined();
  });
});

describe('without a model', () => {
  it('streamed calls are monitor-only: the card says so and the caller hears nothing', async () => {
    const engine = await startEngine({ openaiApiKey: undefined, openaiBaseUrl: undefined });
    const { id, media } = await callIn(engine);
    try {
      await media.speak(fixture('short-yes.wav'));
      // Every frame the caller sent has reached the call: a bot would have heard it by now.
      await eventually(async () => expect((await callDetail(engine, id)).call.stream?.framesReceived).toBeGreaterThanOrEqual(media.sentAt.length));
      const { call } = await callDetail(engine, id);
      expect(call.bot).toEqual({ engine: 'off', state: 'monitoring' });
      expect(media.speech).toEqual([]);
      const say = await command(engine, id, { type: 'say', text: 'Hello' });
      expect(say).toMatchObject({ status: 409, body: { error: 'no text-to-speech model is configured: set “API key” (AI models) or “Base URL” (AI models) in Settings to let the bot speak' } });
      expect(await command(engine, id, { type: 'takeover' })).toMatchObject({ status: 202 });
      await eventually(async () => expect((await callDetail(engine, id)).call.mode).toBe('human'), 3000);
    } finally {
      media.stop();
      await engine.stop();
    }
  });
});
