import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botQuiet, callDetail, callIn, clip, speechSeconds, startBotRig, utterances, type BotRig } from './support/bot.ts';
import { eventually, until } from './support/live.ts';

let rig: BotRig;
beforeAll(async () => {
  rig = await startBotRig({ botGreeting: 'Hello, thanks for calling.' });
});
afterAll(() => rig.stop());

describe('the voice bot (pipeline)', () => {
  it('greets the caller, hears them, and answers while the LLM is still writing', async () => {
    rig.openai.transcripts.push('Hello, I am calling about my order.');
    rig.openai.replies.push({ text: 'Sure. Let me look that up for you. One moment please.' });
    const { id, media } = await callIn(rig.engine);
    try {
      await until(() => speechSeconds(media) > 0.5 || undefined, 5000, 'the greeting');
      await botQuiet(media); // the greeting has played out
      const before = speechSeconds(media);
      await media.speak(clip(0));
      await until(() => speechSeconds(media) > before + 1 || undefined, 8000, 'the answer');

      const stt = rig.openai.made('/v1/audio/transcriptions').at(-1)!;
      expect(stt.body).toMatchObject({ model: 'gpt-4o-mini-transcribe', language: 'en' });
      expect(stt.audioSeconds).toBeGreaterThan(3);
      const llm = rig.openai.made('/v1/chat/completions').at(-1)!;
      const messages = llm.body.messages as { role: string; content: string }[];
      expect(messages[0]!.role).toBe('system');
      expect(messages.at(-1)).toEqual({ role: 'user', content: 'Hello, I am calling about my order.' });
      expect((llm.body.tools as { function: { name: string } }[]).map((t) => t.function.name)).toEqual(['transfer_to_human', 'transfer', 'send_dtmf', 'end_call', 'pause_recording', 'resume_recording']);
      // One speech request per sentence: speech starts on the first sentence.
      const tts = rig.openai.made('/v1/audio/speech').map((r) => r.body.input);
      expect(tts.slice(-3)).toEqual(['Sure.', 'Let me look that up for you.', 'One moment please.']);
      expect(media.speech.every((s) => s.sampleRate === 8000)).toBe(true);

      const { call, events } = await eventually(async () => {
        const detail = await callDetail(rig.engine, id);
        expect(utterances(detail.events).map((u) => u.speaker)).toEqual(['bot', 'caller', 'bot']);
        return detail;
      }, 10_000);
      expect(call.mode).toBe('bot');
      expect(call.bot).toMatchObject({ engine: 'pipeline' });
      expect(utterances(events).map((u) => u.text)).toEqual(['Hello, thanks for calling.', 'Hello, I am calling about my order.', 'Sure. Let me look that up for you. One moment please.']);
      const turn = events.filter((e) => e.type === 'turn').at(-1)!.detail as { metrics: Record<string, number> };
      expect(turn.metrics).toMatchObject({ transcriptMs: expect.any(Number), llmFirstTokenMs: expect.any(Number), ttsFirstByteMs: expect.any(Number), firstAudioMs: expect.any(Number) });
      expect(turn.metrics.firstAudioMs).toBeGreaterThanOrEqual(turn.metrics.ttsFirstByteMs!);
      // Each line reaches the console one way: as it forms, `transcript`; once final, its stored event, once.
      const transcripts = rig.live.messages.flatMap((m) => (m.type === 'transcript' && m.callId === id ? [m.utterance] : []));
      expect(transcripts.some((u) => !u.final)).toBe(true);
      expect(transcripts.filter((u) => u.final && u.text)).toEqual([]);
      await until(() => rig.live.messages.filter((m) => m.type === 'event.appended' && m.event.callId === id && m.event.type === 'utterance').length >= 3 || undefined, 5000, 'the stored lines on the feed');
      const stored = rig.live.messages.flatMap((m) => (m.type === 'event.appended' && m.event.callId === id ? utterances([m.event]) : []));
      expect(stored.map((u) => u.id)).toEqual(utterances(events).map((u) => u.id));
    } finally {
      media.stop();
    }
  });
});
