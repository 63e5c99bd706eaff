// RINGSIDE_BOT_LANGUAGE=fr: with nothing else set, the bot greets in French, is prompted in French,
// hears French, puts the caller on hold in French, and its recorded fallback line is the French one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botQuiet, callDetail, callIn, fixture, speechSeconds, startBotRig, utterances, type BotRig } from './support/bot.ts';
import { eventually, until } from './support/live.ts';

let rig: BotRig;
beforeAll(async () => {
  rig = await startBotRig({ botLanguage: 'fr', botGreeting: undefined, modelTimeoutMs: 1500 });
});
afterAll(() => rig.stop());

const seconds = (file: string) => {
  const wav = new wavefile.WaveFile(readFileSync(join(import.meta.dirname, '../../resources/voice', file)));
  return (wav.getSamples(false, Int16Array) as unknown as Int16Array).length / (wav.fmt as { sampleRate: number }).sampleRate;
};

describe('the bot in French', () => {
  it('greets, is prompted and puts the caller on hold in French', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      const greeting = 'Bonjour, merci de votre appel. Comment puis-je vous aider ?';
      // Spoken sentence by sentence: each one is its own speech request.
      const spoken = () => rig.openai.made('/v1/audio/speech').map((r) => r.body.input).join(' ');
      await until(() => spoken().includes(greeting) || undefined, 8000, 'the French greeting');
      await botQuiet(media, 300);
      rig.openai.transcripts.push('Je voudrais parler à quelqu’un.');
      rig.openai.replies.push({ text: 'Bien sûr.', toolCalls: [{ name: 'transfer_to_human', arguments: { reason: 'demande un conseiller' } }] });
      await media.speak(fixture('short-yes.wav'));
      const hold = 'Merci. Veuillez patienter, je vous passe un collègue.';
      await until(() => spoken().endsWith(`Bien sûr. ${hold}`) || undefined, 8000, 'the French hold message');

      const chat = rig.openai.made('/v1/chat/completions').at(-1)!.body as { messages: { role: string; content: string }[] };
      expect(chat.messages[0]).toMatchObject({ role: 'system', content: expect.stringMatching(/^Tu es l’assistant téléphonique/) });
      expect(rig.openai.made('/v1/audio/transcriptions').at(-1)!.body.language).toBe('fr');
      await eventually(async () => expect(utterances((await callDetail(rig.engine, id)).events).filter((u) => u.speaker === 'bot').map((u) => u.text)).toEqual([greeting, `Bien sûr. ${hold}`]), 8000);
    } finally {
      media.stop();
    }
  });

  it('says the French fallback line when a model fails', async () => {
    const { id, media } = await callIn(rig.engine);
    try {
      await until(() => speechSeconds(media) > 0.3 || undefined, 8000, 'the greeting');
      await botQuiet(media, 300);
      const before = speechSeconds(media);
      rig.openai.failing.add('llm');
      rig.openai.transcripts.push('Ma facture est fausse.');
      await media.speak(fixture('short-yes.wav'));
      await eventually(async () => expect((await callDetail(rig.engine, id)).call.needsHuman).toBeDefined(), 8000);
      await botQuiet(media, 500);
      expect(seconds('fallback-fr.wav')).not.toBeCloseTo(seconds('fallback.wav'), 1);
      expect(speechSeconds(media) - before).toBeCloseTo(seconds('fallback-fr.wav'), 3);
    } finally {
      rig.openai.failing.delete('llm');
      media.stop();
    }
  });
});
