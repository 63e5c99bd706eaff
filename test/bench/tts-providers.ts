// Time to first audio per text-to-speech provider. Two engines (own processes) differ only in their
// speech provider: one speaks through OpenAI's speech endpoint (the fake OpenAI server), the other
// through ElevenLabs' SDK (the ElevenLabs stand-in); both stand-ins answer the first audio byte
// after the same fixed latency, and both engines share the fake OpenAI server's speech-to-text and
// LLM. Rounds alternate between the engines (which goes first alternates too), one call each, so
// both see the same machine. The clocks are the bench's own (the fakes and the media server run in
// this process), so each turn is cut where the provider's path begins and ends:
// - request: the LLM's first token was due (chat request + its fixed latency) → the speech request
//   complete at the stand-in (sentence found, request built and sent);
// - response: the stand-in's first byte was due (speech request + its fixed latency) → the first
//   audio on the wire (streamed, decoded, resampled or not, paced out);
// and their sum, the pipeline's own time from the first token to the first audio. The caller's
// speech, the VAD and speech-to-text stay out of it: they are the same for both and only add noise.
// The ElevenLabs path's cost is the difference of the two medians (budget: 10 ms).
import { SimulatedMediaServer } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { FakeElevenLabs } from '../fakes/fake-elevenlabs.ts';
import { FakeOpenAI } from '../fakes/fake-openai.ts';
import { startEngine, stop, STREAM_TOKEN as TOKEN } from './support/processes.ts';
import { firstAudioAfter, fixture, quiet } from './support/speech-waits.ts';
import { fixed, percentile, printTable } from './support/table.ts';

const LATENCY = { sttMs: 150, llmFirstTokenMs: 250, ttsFirstByteMs: 120 };
const HANGOVER_MS = 500;
const ROUNDS = Number(process.env.BENCH_TTS_ROUNDS ?? 20);
const BUDGET_MS = 10;
const ELEVENLABS_KEY = 'el-test-key-0001';

type Provider = 'openai' | 'elevenlabs';

export async function run(): Promise<void> {
  process.stdout.write(`pipeline, speech providers: ${ROUNDS} alternating rounds per provider\n`);
  const openai = await new FakeOpenAI({ ...LATENCY, llmTokenMs: 15 }).start();
  openai.transcribe = () => 'Where is my order?';
  openai.reply = () => ({ text: 'Okay. Which one?' });
  const elevenlabs = await new FakeElevenLabs({ firstByteMs: LATENCY.ttsFirstByteMs }).start();
  const common = { OPENAI_API_KEY: 'bench-openai-key', OPENAI_BASE_URL: openai.baseURL, RINGSIDE_TURN_SILENCE_MS: String(HANGOVER_MS) };
  const engines = {
    openai: await startEngine(common),
    elevenlabs: await startEngine({ ...common, RINGSIDE_TTS_PROVIDER: 'elevenlabs', ELEVENLABS_API_KEY: ELEVENLABS_KEY, ELEVENLABS_BASE_URL: elevenlabs.baseUrl }),
  };
  const legs = { request: { openai: [] as number[], elevenlabs: [] as number[] }, response: { openai: [] as number[], elevenlabs: [] as number[] }, total: { openai: [] as number[], elevenlabs: [] as number[] } };
  const question = fixture('short-yes.wav');
  const speechRequests = (provider: Provider) => (provider === 'openai' ? openai.made('/v1/audio/speech') : elevenlabs.requests);
  const calls: Partial<Record<Provider, SimulatedMediaServer>> = {};
  try {
    for (const provider of ['openai', 'elevenlabs'] as const) {
      const media = await SimulatedMediaServer.connect({ target: engines[provider].info.public!, token: TOKEN, callId: newCallId(), clips: [] });
      media.startAudio();
      calls[provider] = media;
      await quiet(media, 800, 60_000); // the greeting (the ElevenLabs engine may still be loading its SDK)
    }
    for (let round = 0; round < ROUNDS; round++) {
      const order: Provider[] = round % 2 === 0 ? ['openai', 'elevenlabs'] : ['elevenlabs', 'openai'];
      for (const provider of order) {
        const media = calls[provider]!;
        const asked = await media.speak(question);
        const heard = await firstAudioAfter(media, asked);
        const chat = openai.made('/v1/chat/completions').find((r) => r.at > asked.endedAt)!;
        const speech = speechRequests(provider).find((r) => r.at > asked.endedAt)!;
        const firstToken = chat.at + LATENCY.llmFirstTokenMs;
        const firstByte = speech.at + LATENCY.ttsFirstByteMs;
        legs.request[provider].push(speech.at - firstToken);
        legs.response[provider].push(heard - firstByte);
        legs.total[provider].push(heard - firstByte + (speech.at - firstToken));
        await quiet(media, 400);
      }
    }
  } finally {
    for (const media of Object.values(calls)) media.stop();
    await Promise.all([stop(engines.openai.child), stop(engines.elevenlabs.child)]);
    await Promise.all([openai.stop(), elevenlabs.stop()]);
  }
  const formats = [...new Set(elevenlabs.requests.map((r) => r.outputFormat))].join(', ');
  const p50 = (values: number[]) => percentile(values, 50);
  const row = (name: string, provider: Provider) => [name, legs.total[provider].length, fixed(p50(legs.request[provider]), 1), fixed(p50(legs.response[provider]), 1), fixed(p50(legs.total[provider]), 1), fixed(percentile(legs.total[provider], 95), 1)];
  const added = p50(legs.total.elevenlabs) - p50(legs.total.openai);
  printTable(
    `Time to first audio per speech provider: the pipeline's own time from the LLM's first token to the first audio on the wire, vendor latency excluded (same fixed latencies: LLM first token ${LATENCY.llmFirstTokenMs} ms, TTS first byte ${LATENCY.ttsFirstByteMs} ms; 8 kHz line; ElevenLabs formats asked: ${formats})`,
    ['provider', 'turns', 'request p50 ms', 'response p50 ms', 'total p50 ms', 'total p95 ms'],
    [row('OpenAI speech (openai SDK, 24 kHz PCM resampled to 8 kHz)', 'openai'), row('ElevenLabs (its SDK, μ-law 8 kHz)', 'elevenlabs')],
  );
  process.stdout.write(`\nElevenLabs path − OpenAI path (total p50): ${fixed(added, 1)} ms (budget ≤ ${BUDGET_MS} ms): ${added <= BUDGET_MS ? 'within' : 'OVER'}\n`);
  const rounds = legs.total.openai.map((v, i) => `${fixed(v, 0)}/${fixed(legs.total.elevenlabs[i]!, 0)}`);
  process.stdout.write(`Per round, total (openai/elevenlabs, ms): ${rounds.join('  ')}\n`);
}
