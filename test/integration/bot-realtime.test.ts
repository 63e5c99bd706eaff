// The realtime engine: caller audio to the Realtime API as G.711 (through the SDK's WebSocket
// client, over TLS like the real service), with the pipeline's semantics: barge-in breaks and
// truncates, takeover silences the bot, "say" speaks, failures get the fallback.
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../shared/call.ts';
import { botQuiet, breaks, callDetail, callIn, clip, command, fixture, speechSeconds, startBotRig, utterances, type BotRig } from './support/bot.ts';
import { eventually, until } from './support/live.ts';

let rig: BotRig;
beforeAll(async () => {
  rig = await startBotRig({ botEngine: 'realtime', botGreeting: 'Hello, thanks for calling.' }, { https: true });
  // The fake's self-signed certificate, trusted like a real service's.
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), rig.openai.certificate!]);
});
afterAll(() => rig.stop());

const script = () => rig.openai.realtime;
const sent = (type: string) => script().requests.filter((r) => r.type === type);
const current = async (id: string): Promise<Call> => (await callDetail(rig.engine, id)).call;

describe('the voice bot (realtime)', () => {
  it('greets, hears the caller as μ-law, answers, and stores the transcript', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await until(() => speechSeconds(media) > 0.5 || undefined, 8000, 'the greeting');
      const update = sent('session.update')[0]!.session as { audio: { input: { format: unknown; turn_detection: unknown } } };
      expect(update.audio.input.format).toEqual({ type: 'audio/pcmu' });
      expect(update.audio.input.turn_detection).toMatchObject({ type: 'server_vad', silence_duration_ms: 400, create_response: true, interrupt_response: true });
      await botQuiet(media, 300);

      script().transcripts.push('Where is my order?');
      script().replies.push({ text: 'It arrives tomorrow.' });
      const before = speechSeconds(media);
      await media.speak(fixture('short-yes.wav'));
      await until(() => speechSeconds(media) > before + 0.8 || undefined, 8000, 'the answer');
      const appended = sent('input_audio_buffer.append').map((r) => Buffer.from(String(r.audio), 'base64').length);
      expect(appended.length).toBeGreaterThan(10);
      expect(appended.every((bytes) => bytes % 160 === 0)).toBe(true); // whole 20 ms μ-law frames

      const { call, events } = await eventually(async () => {
        const detail = await callDetail(rig.engine, id);
        expect(utterances(detail.events).map((u) => `${u.speaker}: ${u.text}`)).toEqual(['bot: Hello, thanks for calling.', 'caller: Where is my order?', 'bot: It arrives tomorrow.']);
        return detail;
      }, 8000);
      expect(call.bot).toMatchObject({ engine: 'realtime' });
      const turn = events.filter((e) => e.type === 'turn').at(-1)!.detail as { metrics: Record<string, number> };
      expect(turn.metrics).toMatchObject({ llmFirstTokenMs: expect.any(Number), firstAudioMs: expect.any(Number) });
    } finally {
      media.stop();
    }
  });

  it('stops for the caller: break on the wire, response cancelled, item truncated to what was heard', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await until(() => speechSeconds(media) > 0.5 || undefined, 8000, 'the greeting');
      await botQuiet(media, 300);
      const long = 'Thanks for waiting. I can see your order here. It left our warehouse on Monday morning and the courier has it now.';
      script().transcripts.push('Where is it?', 'Sorry, the other order.');
      script().replies.push({ text: long }, { text: 'Which one?' });
      await media.speak(fixture('short-yes.wav'));
      await until(() => speechSeconds(media) > 2.5 || undefined, 8000, 'the long answer');
      const cancels = sent('response.cancel').length;
      await media.speak(clip(4));
      await until(() => breaks(media).length > 0 || undefined, 5000, 'a break');
      expect(sent('response.cancel').length).toBeGreaterThan(cancels);
      const truncate = sent('conversation.item.truncate').at(-1)!;
      expect(truncate.audio_end_ms).toBeGreaterThan(500);

      const detail = await eventually(async () => {
        const now = await callDetail(rig.engine, id);
        expect(utterances(now.events).filter((u) => u.speaker === 'bot').map((u) => u.text)).toHaveLength(3);
        return now;
      }, 10_000);
      const cut = utterances(detail.events).filter((u) => u.speaker === 'bot')[1]!;
      expect(cut.truncated).toBe(true);
      expect(long.startsWith(cut.text)).toBe(true);
      expect(cut.text.length).toBeLessThan(long.length);
    } finally {
      media.stop();
    }
  });

  it('goes silent on takeover (still transcribing), says what the supervisor types, and hands back', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await until(() => speechSeconds(media) > 0.3 || undefined, 8000, 'the greeting');
      expect(await command(rig.engine, id, { type: 'takeover' })).toMatchObject({ status: 202 });
      await until(() => breaks(media).length > 0 || undefined, 3000, 'a break');
      const off = sent('session.update').at(-1)!.session as { audio: { input: { turn_detection: { create_response: boolean } } } };
      expect(off.audio.input.turn_detection.create_response).toBe(false);
      expect(await current(id)).toMatchObject({ mode: 'human', bot: { state: 'silent' } });

      await botQuiet(media, 300);
      const responses = sent('response.create').length;
      script().transcripts.push('Is anyone there?');
      await media.speak(fixture('short-yes.wav'));
      await eventually(async () => expect(utterances((await callDetail(rig.engine, id)).events).map((u) => u.text)).toContain('Is anyone there?'), 8000);
      expect(sent('response.create').length).toBe(responses);

      const before = speechSeconds(media);
      expect(await command(rig.engine, id, { type: 'say', text: 'Yes, I am right here.' })).toMatchObject({ status: 202 });
      await until(() => speechSeconds(media) > before + 0.5 || undefined, 5000, 'the said line');
      await eventually(async () => {
        const said = utterances((await callDetail(rig.engine, id)).events).filter((u) => u.speaker === 'supervisor');
        expect(said.map((u) => u.text)).toEqual(['Yes, I am right here.']);
      }, 8000);

      // A whisper: a system item of the conversation, never a response to speak.
      const spoken = sent('response.create').length;
      expect(await command(rig.engine, id, { type: 'whisper', text: 'Offer a callback tomorrow morning.' })).toMatchObject({ status: 202 });
      const systemText = () =>
        sent('conversation.item.create').map((e) => (e.item as { role?: string; content?: { text?: string }[] }) ).filter((item) => item.role === 'system').map((item) => item.content?.[0]?.text ?? '');
      await until(() => systemText().some((text) => text.includes('Offer a callback tomorrow morning.')) || undefined, 3000, 'the whisper as a system item');
      expect(sent('response.create').length).toBe(spoken);

      expect(await command(rig.engine, id, { type: 'handback' })).toMatchObject({ status: 202 });
      const on = sent('session.update').at(-1)!.session as { audio: { input: { turn_detection: { create_response: boolean } } } };
      expect(on.audio.input.turn_detection.create_response).toBe(true);
      expect(await current(id)).toMatchObject({ mode: 'bot' });
      // Told it heard the take-over, not to greet again; no hand-back line unless asked, so no response.
      expect(systemText().some((text) => text.includes('do not greet the caller again'))).toBe(true);
      expect(sent('response.create').length).toBe(spoken);
    } finally {
      media.stop();
    }
  });

  it('a failed response gets the fallback, the flag and the error on the card', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await until(() => speechSeconds(media) > 0.3 || undefined, 8000, 'the greeting');
      await botQuiet(media, 300);
      script().failNext = true;
      const before = speechSeconds(media);
      await media.speak(fixture('short-yes.wav'));
      const call = await eventually(async () => {
        const now = await current(id);
        expect(now.needsHuman).toBeDefined();
        return now;
      }, 8000);
      expect(call).toMatchObject({ mode: 'human', bot: { engine: 'realtime', error: 'the realtime model failed: the model crashed' } });
      await until(() => speechSeconds(media) > before + 1 || undefined, 5000, 'the fallback');
    } finally {
      media.stop();
    }
  });

  it('transfer_to_human flags the call and speaks the hold message', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await until(() => speechSeconds(media) > 0.3 || undefined, 8000, 'the greeting');
      await botQuiet(media, 300);
      script().transcripts.push('A person, please.');
      script().replies.push({ text: 'Of course.', toolCalls: [{ name: 'transfer_to_human', arguments: { reason: 'asked for a person' } }] });
      await media.speak(fixture('short-yes.wav'));
      await eventually(async () => expect((await current(id)).needsHuman?.reason).toBe('asked for a person'), 8000);
      const hold = await until(() => sent('response.create').find((r) => JSON.stringify(r).includes('Please hold while I connect you')), 3000, 'the hold message');
      expect(hold).toBeDefined();
      expect((await current(id)).mode).toBe('human');
    } finally {
      media.stop();
    }
  });
});
