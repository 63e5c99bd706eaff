// When ElevenLabs refuses to speak, the turn fails as "text-to-speech" with a message that says
// what happened and which setting to change (named both as Settings shows it and by its variable),
// with ElevenLabs' own words after it; the key itself never appears.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadElevenLabs } from '../../electron/engine/pipeline/tts/elevenlabs-sdk.ts';
import { ElevenLabsTextToSpeech, type ElevenLabsSettings } from '../../electron/engine/pipeline/tts/elevenlabs.ts';
import { StageError } from '../../electron/engine/pipeline/stage-error.ts';
import { single, speak } from '../../electron/engine/pipeline/tts/tts.ts';
import { FakeElevenLabs } from '../fakes/fake-elevenlabs.ts';

let stand: FakeElevenLabs;
let settings: ElevenLabsSettings;
beforeAll(async () => {
  await loadElevenLabs(); // as the engine does once ElevenLabs is chosen: its load is no turn's business
  stand = await new FakeElevenLabs().start();
});
beforeEach(() => {
  stand.busy = false;
  stand.credits = Infinity;
  settings = { apiKey: 'el-test-key-0001', voiceId: 'JBFqnCBsd6RMkjVDRZzb', model: 'eleven_flash_v2_5', baseUrl: stand.baseUrl, timeoutMs: 8000 };
});
afterAll(() => stand.stop());

/** What a turn reports when it speaks `text` with these settings. */
async function failure(overrides: Partial<ElevenLabsSettings> = {}, text = 'Hello there.'): Promise<StageError> {
  const tts = new ElevenLabsTextToSpeech({ ...settings, ...overrides });
  try {
    for await (const _ of speak(tts, single(text), new AbortController().signal, { outputRate: 8000, timeoutMs: 8000 }));
  } catch (error) {
    expect(error).toBeInstanceOf(StageError);
    expect((error as StageError).stage).toBe('text-to-speech');
    return error as StageError;
  }
  throw new Error('the speech did not fail');
}

describe('ElevenLabs refusals', () => {
  it('401 invalid_api_key: check the ElevenLabs API key', async () => {
    const error = await failure({ apiKey: 'el-wrong-key-9999' });
    expect(error.message).toMatch(/^ElevenLabs refused the API key: check “ElevenLabs API key” \(AI models; in Settings or ELEVENLABS_API_KEY\) \(401 invalid_api_key\)\. ElevenLabs said: “Invalid API key”$/);
    expect(error.message).not.toContain('el-wrong-key-9999');
    expect(stand.requests.at(-1)!.apiKey).toBe('el-wrong-key-9999');
  });

  it('404 voice_not_found: names the voice and the setting to change', async () => {
    const error = await failure({ voiceId: 'no-such-voice' });
    expect(error.message).toContain('ElevenLabs has no voice “no-such-voice” for this key: set “ElevenLabs voice ID” (AI models; in Settings or ELEVENLABS_VOICE_ID)');
    expect(error.message).toContain('(404 voice_not_found)');
  });

  it('an unknown model: names the model and the setting', async () => {
    const error = await failure({ model: 'eleven_nonexistent' });
    expect(error.message).toContain('ElevenLabs has no model “eleven_nonexistent”: set “ElevenLabs model” (AI models; in Settings or ELEVENLABS_MODEL)');
  });

  it('429 too_many_concurrent_requests: more requests at once than the plan allows', async () => {
    stand.busy = true;
    const error = await failure();
    expect(error.message).toContain('more speech requests at once than the plan allows');
    expect(error.message).toContain('(429 too_many_concurrent_requests)');
  });

  it('quota_exceeded: the account is out of credits, with ElevenLabs’ own figures', async () => {
    stand.credits = 5;
    const error = await failure({}, 'A sentence longer than five characters.');
    expect(error.message).toContain('the ElevenLabs account has no credits left for this speech: add credits');
    expect(error.message).toContain('(401 quota_exceeded)');
    expect(error.message).toContain('You have 5 credits remaining');
  });

  it('no key at all: asks for one before any request', async () => {
    const before = stand.requests.length;
    const error = await failure({ apiKey: undefined });
    expect(error.message).toBe('no ElevenLabs API key: set “ElevenLabs API key” (AI models; in Settings or ELEVENLABS_API_KEY), or choose openai as the “Text-to-speech provider” (AI models; in Settings or RINGSIDE_TTS_PROVIDER)');
    expect(stand.requests.length).toBe(before);
  });

  it('nothing listening: says where it looked and why', async () => {
    const gone = await new FakeElevenLabs().start();
    const baseUrl = gone.baseUrl;
    await gone.stop();
    const error = await failure({ baseUrl });
    expect(error.message).toContain(`ElevenLabs could not be reached at ${baseUrl} (`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('ELEVENLABS_BASE_URL');
  });
});
