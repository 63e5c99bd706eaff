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

/** Alternating passes: the bot alone (no LLM side request), then with attention's side requests. */
const PASSES = Number(process.env.BENCH_PASSES ?? 4);

interface Pass {
  sideRequests: boolean;
  overhead: number[];
  bargeIn: number[];
  /** Caller lines transcribed and side requests made during the pass. */
  callerLines: number;
  requests: number;
}

export async function run(): Promise<void> {
  process.stdout.write(`pipeline: ${CALLS} concurrent calls × ${ROUNDS} rounds (answer + barge-in + answer), ${PASSES} alternating passes without and with attention's LLM side requests\n`);
  const openai = await new FakeOpenAI({ ...LATENCY, llmTokenMs: 15 }).start();
  openai.transcribe = (seconds) => (seconds < 2.5 ? QUESTION : 'Actually, never mind that, I meant my other order.');
  openai.reply = (messages) => ({ text: messages.at(-1)?.content === QUESTION ? LONG_ANSWER : SHORT_ANSWER });
  // The side request answers as a real model would, after the LLM's first-token latency.
  openai.understand = () => ({ text: '{"wants": "Where the order is", "facts": [], "mood": "calm", "frustrated": false, "asks_for_person": false}' });
  const passes: Pass[] = [];
  try {
    for (let i = 0; i < PASSES; i++) passes.push(await pass(openai, i % 2 === 1));
  } finally {
    await openai.stop();
  }
  const row = (name: string, values: number[], budget: number) => [name, values.length, fixed(percentile(values, 50), 0), fixed(percentile(values, 95), 0), fixed(Math.max(...values), 0), `≤ ${budget}`, percentile(values, 95) <= budget ? 'within' : 'OVER'];
  const label = (p: Pass, i: number) => `pass ${i + 1} (${p.sideRequests ? 'side requests on' : 'side requests off'})`;
  printTable(
    `Voice pipeline (fake models: STT ${LATENCY.sttMs} ms, LLM first token ${LATENCY.llmFirstTokenMs} ms, TTS first byte ${LATENCY.ttsFirstByteMs} ms; hangover ${HANGOVER_MS} ms; min barge-in ${MIN_BARGE_IN_MS} ms)`,
    ['measure', 'samples', 'p50 ms', 'p95 ms', 'max ms', 'budget p95', ''],
    passes.flatMap((p, i) => [row(`${label(p, i)} overhead: first audio − end of speech − models − hangover`, p.overhead, 40), row(`${label(p, i)} barge-in: caller onset → break on the wire`, p.bargeIn, 350)]),
  );
  const off = passes.filter((p) => !p.sideRequests);
  const on = passes.filter((p) => p.sideRequests);
  const p95 = (list: Pass[]) => percentile(list.flatMap((p) => p.overhead), 95);
  const lines = on.reduce((n, p) => n + p.callerLines, 0);
  const requests = on.reduce((n, p) => n + p.requests, 0);
  const perLine = lines ? requests / lines : 0;
  const delta = p95(on) - p95(off);
  printTable(
    'What attention\'s LLM side request adds (passes with it on, against the alternating passes with it off)',
    ['measure', 'value', 'budget', ''],
    [
      ['side requests per caller line', `${requests} / ${lines} = ${fixed(perLine, 2)}`, '≤ 1', perLine <= 1 ? 'within' : 'OVER'],
      ['side requests with it off', off.reduce((n, p) => n + p.requests, 0), '0', off.every((p) => p.requests === 0) ? 'within' : 'OVER'],
      ['bot overhead p95: on − off (ms)', `${fixed(p95(on), 0)} − ${fixed(p95(off), 0)} = ${fixed(delta, 1)}`, '≤ 5', delta <= 5 ? 'within' : 'OVER'],
    ],
  );
}

/** One pass: an engine of its own (side requests on or off), its calls, what they measured. */
async function pass(openai: FakeOpenAI, sideRequests: boolean): Promise<Pass> {
  const transcribed = openai.made('/v1/audio/transcriptions').length;
  const asked = openai.sideRequests.length;
  const engine = await startEngine({
    OPENAI_API_KEY: 'bench-openai-key',
    OPENAI_BASE_URL: openai.baseURL,
    RINGSIDE_TURN_SILENCE_MS: String(HANGOVER_MS),
    RINGSIDE_BARGE_IN_MS: String(MIN_BARGE_IN_MS),
    RINGSIDE_ATTENTION_SIDE_REQUESTS: sideRequests ? '200' : '0',
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
    // The last lines' side requests are made once their line is stored: wait for them to come in.
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    await stop(engine.child);
  }
  return { sideRequests, overhead, bargeIn, callerLines: openai.made('/v1/audio/transcriptions').length - transcribed, requests: openai.sideRequests.length - asked };
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
