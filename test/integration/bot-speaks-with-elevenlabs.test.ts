// With RINGSIDE_TTS_PROVIDER=elevenlabs the bot of a streamed call speaks through ElevenLabs (a
// stand-in speaking its HTTP protocol; speech-to-text and the LLM stay on the fake OpenAI server):
// μ-law at 8 kHz for the 8 kHz line, the request ended when the caller barges in, and a refusal
// on the card in words that say what to change.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Call } from '../../shared/call.ts';
import { breaks, callDetail, callIn, clip, fixture, speechSeconds, startBotRig, type BotRig } from './support/bot.ts';
import { eventually, until } from './support/live.ts';
import { FakeElevenLabs } from '../fakes/fake-elevenlabs.ts';

const LONG_ANSWER = 'Thanks for waiting. I can see your order here. It left our warehouse on Monday morning. The courier has it now. It should reach you by Thursday at the latest. Is there anything else I can help you with today?';
const KEY = 'el-test-key-0001';

let rig: BotRig;
let stand: FakeElevenLabs;
beforeAll(async () => {
  // 600 ms of audio at once, then real time (100 ms pieces every 100 ms): the line always has
  // audio queued ahead, and a sentence is still streaming when the caller cuts in.
  stand = await new FakeElevenLabs({ headStartMs: 600, pieceMs: 100 }).start();
  rig = await startBotRig({ ttsProvider: 'elevenlabs', elevenlabsApiKey: KEY, elevenlabsBaseUrl: stand.baseUrl });
});
afterAll(async () => {
  await rig.stop();
  await stand.stop();
});
afterEach(() => {
  stand.keys.add(KEY);
  rig.openai.transcripts.length = 0;
  rig.openai.replies.length = 0;
});

const current = async (id: string): Promise<Call> => (await callDetail(rig.engine, id)).call;

describe('the bot with ElevenLabs speech', () => {
  it('speaks μ-law 8 kHz on an 8 kHz line, and ends the request when the caller talks over it', async () => {
    const { media } = await callIn(rig.engine);
    try {
      rig.openai.transcripts.push('Where is my order?');
      rig.openai.replies.push({ text: LONG_ANSWER });
      await media.speak(fixture('short-yes.wav'));
      await until(() => speechSeconds(media) > 1.2 || undefined, 10_000, 'the bot to be answering');

      expect(rig.openai.made('/v1/audio/speech')).toEqual([]);
      expect(stand.requests.map((r) => [r.outputFormat, r.apiKey, r.body.model_id])).toContainEqual(['ulaw_8000', KEY, 'eleven_flash_v2_5']);
      expect(new Set(stand.requests.map((r) => r.outputFormat))).toEqual(new Set(['ulaw_8000']));
      expect(new Set(media.speech.map((s) => s.sampleRate))).toEqual(new Set([8000]));

      rig.openai.transcripts.push('Sorry, I meant my other order.');
      rig.openai.replies.push({ text: 'No problem. Which one?' });
      const interruption = media.speak(clip(4));
      await until(() => breaks(media).length > 0 || undefined, 5000, 'a break on the wire');
      const speaking = stand.requests.at(-1)!; // the sentence being streamed when the caller cut in
      await until(() => speaking.aborted, 2000, 'the ElevenLabs request to be ended');
      await interruption;
      const asked = stand.requests.map((r) => r.body.text);
      expect(asked).not.toContain('Is there anything else I can help you with today?');
      await until(() => stand.requests.some((r) => r.body.text === 'No problem.') || undefined, 8000, 'the next answer spoken by ElevenLabs');
    } finally {
      media.stop();
    }
  });

  it('puts a refused key on the card in words that say what to change, and the caller hears the fallback', async () => {
    const { id, media } = await callIn(rig.engine);
    stand.keys.delete(KEY);
    try {
      rig.openai.transcripts.push('Hello?');
      rig.openai.replies.push({ text: 'Hi there.' });
      await media.speak(fixture('short-yes.wav'));
      const call = await eventually(async () => {
        const now = await current(id);
        expect(now.bot?.error).toBeDefined();
        return now;
      }, 8000);
      expect(call.bot!.error).toBe('text-to-speech failed: ElevenLabs refused the API key: check “ElevenLabs API key” (AI models; in Settings or ELEVENLABS_API_KEY) (401 invalid_api_key). ElevenLabs said: “Invalid API key”');
      expect(call.mode).toBe('human');
      await until(() => speechSeconds(media) > 1 || undefined, 5000, 'the fallback');
    } finally {
      media.stop();
    }
  });
});
