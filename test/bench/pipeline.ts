// The voice bot's own speed. An engine (its own process) answers simulated callers through a fake
// OpenAI server with fixed latencies. Per turn: first bot audio on the wire − end of the caller's
// speech, minus the model latencies and the turn hangover = the pipeline's overhead. Per barge-in:
// caller speech onset → `break` on the wire. The simulator knows speech times to its 20 ms packets
// and the engine finds the end of speech to 4 ms, so an overhead may read a few ms below zero.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wavefile from 'wavefile';
import { loadClips } from '../../electron/engine/simulator/clips.ts';
import { SimulatedMediaServer, type Spoken } from '../../electron/engine/simulator/media-server.ts';
import { newCallId } from '../../electron/engine/simulator/simulate.ts';
import { FakeOpenAI } from '../fakes/fake-openai.ts';
import { startEngine, stop, STREAM_TOKEN as TOKEN } from './support/processes.ts';
import { fixed, printTable, percentile } from './support/table.ts';

const LATENCY = { sttMs: 150, llmFirstTokenMs: 250, ttsFirstByteMs: 120 };
const HANGOVER_MS = 500;
const MIN_BARGE_IN_MS = 250;
const CALLS = Number(process.env.BENCH_CALLS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);

/**
 * The question is short; the bot's answer to it is long enough to be interrupted. Both answers open
 * with a one-word sentence, so the LLM's time to the first sentence is its first-token latency.
 */
const QUESTION = 'Where is my order?';
const LONG_ANSWER = 'Sure. I can see your order here. It left our warehouse on Monday morning, and the courier has it now. It should reach you by Thursday.';
const SHORT_ANSWER = 'Okay. Which one?';

export async function run(): Promise<void> {
  process.stdout.write(`pipeline: ${CALLS} concurrent calls × ${ROUNDS} rounds (answer + barge-in + answer)\n`);
  const openai = await new FakeOpenAI({ ...LATENCY, llmTokenMs: 15 }).start();
  openai.transcribe = (seconds) => (seconds < 2.5 ? QUESTION : 'Actually, never mind that, I meant my other order.');
  openai.reply = (messages) => ({ text: messages.at(-1)?.content === QUESTION ? LONG_ANSWER : SHORT_ANSWER });
  const engine = await startEngine({
    OPENAI_API_KEY: 'bench-openai-key',
    OPENAI_BASE_URL: openai.baseURL,
    RINGSIDE_TURN_SILENCE_MS: String(HANGOVER_MS),
    RINGSIDE_BARGE_IN_MS: String(MIN_BARGE_IN_MS),
  });
  const question = fixture('short-yes.wav');
  const interruption = loadClips()[4]!.samples;
  const overhead: number[] = [];
  const bargeIn: number[] = [];
  const models = LATENCY.sttMs + LATENCY.llmFirstTokenMs + LATENCY.ttsFirstByteMs + HANGOVER_MS;
  try {
    await Promise.all(
      Array.from({ length: CALLS }, async (_, index) => {
        await new Promise((r) => setTimeout(r, index * 700)); // staggered, like real calls
        const media = await SimulatedMediaServer.connect({ target: engine.info.public!, token: TOKEN, callId: newCallId(), clips: [] });
        media.startAudio();
        try {
          await quiet(media, 800); // the greeting
          for (let round = 0; round < ROUNDS; round++) {
            const asked = await media.speak(question);
            overhead.push((await firstAudioAfter(media, asked)) - asked.endedAt - models);
            await until(() => speechMs(media, asked.endedAt) > 1200);
            const breaksBefore = breaks(media);
            const cutIn = await media.speak(interruption);
            const broke = media.commands.filter((c) => c.message.event === 'break')[breaksBefore];
            if (broke) bargeIn.push(broke.at - cutIn.startedAt);
            overhead.push((await firstAudioAfter(media, cutIn)) - cutIn.endedAt - models);
            await quiet(media, 400);
          }
        } finally {
          media.stop();
        }
      }),
    );
  } finally {
    await stop(engine.child);
    await openai.stop();
  }
  const row = (name: string, values: number[], budget: number) => [name, values.length, fixed(percentile(values, 50), 0), fixed(percentile(values, 95), 0), fixed(Math.max(...values), 0), `≤ ${budget}`, percentile(values, 95) <= budget ? 'within' : 'OVER'];
  printTable(
    `Voice pipeline (fake models: STT ${LATENCY.sttMs} ms, LLM first token ${LATENCY.llmFirstTokenMs} ms, TTS first byte ${LATENCY.ttsFirstByteMs} ms; hangover ${HANGOVER_MS} ms; min barge-in ${MIN_BARGE_IN_MS} ms)`,
    ['measure', 'samples', 'p50 ms', 'p95 ms', 'max ms', 'budget p95', ''],
    [row('overhead: first audio − end of speech − models − hangover', overhead, 40), row('barge-in: caller onset → break on the wire', bargeIn, 350)],
  );
}

const breaks = (media: SimulatedMediaServer) => media.commands.filter((c) => c.message.event === 'break').length;

/** Ms of bot speech received after `since`. */
function speechMs(media: SimulatedMediaServer, since: number): number {
  return media.speech.filter((s) => s.at > since).reduce((n, s) => n + (s.samples.length / s.sampleRate) * 1000, 0);
}

async function firstAudioAfter(media: SimulatedMediaServer, spoken: Spoken): Promise<number> {
  return until(() => media.speech.find((s) => s.at > spoken.endedAt)?.at);
}

async function quiet(media: SimulatedMediaServer, ms: number): Promise<void> {
  await until(() => (media.speech.length > 0 && performance.now() - media.speech.at(-1)!.at > ms && media.queuedMs() === 0) || undefined);
}

async function until<T>(read: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error('the bot did not answer in time');
    await new Promise((r) => setTimeout(r, 5)); // measurements use the recorded times, not this poll
  }
}

function fixture(name: string): Int16Array {
  const wav = new wavefile.WaveFile(readFileSync(join(import.meta.dirname, '../fixtures/audio', name)));
  wav.fromMuLaw();
  return wav.getSamples(false, Int16Array) as unknown as Int16Array;
}
