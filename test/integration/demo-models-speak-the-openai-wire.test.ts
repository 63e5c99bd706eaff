// The demo models at their boundary, through the real openai SDK over a real socket: they refuse
// anyone without this run's key, recognise a demo caller clip after a phone line (μ-law) even
// when only part of it was heard, answer in the caller's language with the script's tool calls,
// write the after-call note as JSON, and speak raw PCM or WAV (other formats refused plainly).
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeG711, encodeUlaw, ULAW_TO_PCM } from '../../electron/engine/audio/g711.ts';
import { encodeWav } from '../../electron/engine/audio/wav.ts';
import { configSchema } from '../../electron/engine/config/schema.ts';
import { DemoModels } from '../../electron/engine/demo-models/demo-models.ts';
import { demoCallerLines } from '../../electron/engine/demo-models/script.ts';
import { silentLogger } from '../../electron/engine/log.ts';

let models: DemoModels;
let client: OpenAI;
const config = configSchema.parse({ dataDir: '/nonexistent', botLanguage: 'fr' });

beforeAll(async () => {
  models = new DemoModels({ logger: silentLogger, config: () => config });
  await models.start();
  client = models.clients()!.llm;
});
afterAll(() => models.stop());

const phoneLine = (samples: Int16Array) => decodeG711(encodeUlaw(samples), ULAW_TO_PCM);
const transcribe = async (samples: Int16Array) =>
  (await client.audio.transcriptions.create({ file: await toFile(encodeWav(samples, 8000), 'speech.wav', { type: 'audio/wav' }), model: 'demo' })).text;

describe('the demo models', () => {
  it('refuse a request without this run’s key', async () => {
    const stranger = new OpenAI({ apiKey: 'guessed', baseURL: client.baseURL, maxRetries: 0 });
    await expect(stranger.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 401 });
  });

  it('hear a demo caller clip after the phone line, padded with silence, or cut short', async () => {
    const line = demoCallerLines().find((l) => l.scenario.name === 'order' && l.language === 'en')!;
    const padded = new Int16Array(line.samples.length + 8000);
    padded.set(phoneLine(line.samples), 2400);
    expect(await transcribe(padded)).toBe(line.text);
    const firstHalf = await transcribe(phoneLine(line.samples.subarray(0, Math.floor(line.samples.length / 2))));
    expect(line.text.startsWith(firstHalf)).toBe(true);
    expect(firstHalf.split(' ').length).toBeLessThan(line.text.split(' ').length);
    expect(await transcribe(new Int16Array(8000).map((_, i) => Math.round(3000 * Math.sin(i / 3))))).toBe('');
  });

  it('answer from the script in the caller’s language, with its tool calls, streamed or not', async () => {
    const person = demoCallerLines().find((l) => l.scenario.name === 'person' && l.turn === 0 && l.language === 'fr')!;
    const tools = [{ type: 'function' as const, function: { name: 'transfer_to_human', parameters: { type: 'object', properties: {} } } }];
    const answer = await client.chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: person.text }], tools });
    expect(answer.choices[0]!.message.tool_calls?.[0]).toMatchObject({ function: { name: 'transfer_to_human', arguments: JSON.stringify({ reason: "l'appelant demande un conseiller" }) } });
    const order = demoCallerLines().find((l) => l.scenario.name === 'order' && l.turn === 0 && l.language === 'en')!;
    let text = '';
    for await (const chunk of await client.chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: order.text }], stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toMatch(/^I'm sorry about the delay\./);
    // Words the script does not know: a short question back, in the configured language (French here).
    const unsure = await client.chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: 'Quel temps fait-il ?' }] });
    expect(unsure.choices[0]!.message.content).toMatch(/^Je vois/);
  });

  it('write the after-call note as JSON with a disposition', async () => {
    const angry = demoCallerLines().filter((l) => l.scenario.name === 'angry' && l.language === 'fr');
    const note = await client.chat.completions.create({
      model: 'demo',
      messages: [
        { role: 'system', content: 'Answer with one JSON object only: {"summary": "…", "disposition": "…"}.' },
        { role: 'user', content: angry.map((l) => `caller: ${l.text}`).join('\nbot: …\n') },
      ],
    });
    expect(JSON.parse(note.choices[0]!.message.content!)).toEqual({ summary: angry[0]!.scenario.summary.fr, disposition: 'needs-follow-up' });
  });

  it('speak raw 24 kHz PCM or WAV, and say which formats they speak', async () => {
    const pcm = Buffer.from(await (await client.audio.speech.create({ model: 'demo', voice: 'alloy', input: 'Merci. Veuillez patienter, je vous passe un collègue.', response_format: 'pcm' })).arrayBuffer());
    expect(pcm.length / 2 / 24000).toBeGreaterThan(2); // the rendered clips, not a murmur of a second
    const wav = Buffer.from(await (await client.audio.speech.create({ model: 'demo', voice: 'alloy', input: 'Anything at all.', response_format: 'wav' })).arrayBuffer());
    expect(wav.subarray(0, 4).toString()).toBe('RIFF');
    await expect(client.audio.speech.create({ model: 'demo', voice: 'alloy', input: 'Hi.', response_format: 'mp3' })).rejects.toMatchObject({ status: 400 });
  });
});
