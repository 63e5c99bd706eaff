// The three pipeline stages, each one call to its model through the SDK, each cancellable with an
// AbortSignal: speech-to-text, a streamed chat completion (text and tool calls), streamed speech.
import type OpenAI from 'openai';
import { toFile } from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { Pcm16Chunks } from '../audio/pcm.ts';
import { encodeWav } from '../audio/wav.ts';

/** Text-to-speech audio the SDK streams with `response_format: 'pcm'`: 24 kHz, 16-bit, mono. */
export const TTS_RATE = 24000;

export async function transcribe(client: OpenAI, model: string, language: string, audio: Int16Array, sampleRate: number, signal: AbortSignal): Promise<string> {
  const file = await toFile(encodeWav(audio, sampleRate), 'speech.wav', { type: 'audio/wav' });
  const result = await client.audio.transcriptions.create({ file, model, language, response_format: 'json' }, { signal });
  return result.text.trim();
}

export type LlmDelta = { kind: 'text'; text: string } | { kind: 'tool'; id: string; name: string; arguments: string };

/** Streams the reply: text as it comes, then each tool call once complete. */
export async function* chat(
  client: OpenAI,
  model: string,
  messages: ChatCompletionMessageParam[],
  tools: ChatCompletionTool[],
  signal: AbortSignal,
): AsyncGenerator<LlmDelta> {
  const stream = await client.chat.completions.create({ model, messages, stream: true, ...(tools.length && { tools }) }, { signal });
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta;
    if (!delta) continue;
    if (delta.content) yield { kind: 'text', text: delta.content };
    for (const call of delta.tool_calls ?? []) {
      const entry = calls.get(call.index) ?? { id: '', name: '', arguments: '' };
      entry.id ||= call.id ?? '';
      entry.name ||= call.function?.name ?? '';
      entry.arguments += call.function?.arguments ?? '';
      calls.set(call.index, entry);
    }
  }
  for (const call of calls.values()) yield { kind: 'tool', ...call };
}

/** Streams speech for one piece of text, as PCM16 at TTS_RATE. */
export async function* synthesize(client: OpenAI, model: string, voice: string, input: string, signal: AbortSignal): AsyncGenerator<Int16Array> {
  const response = await client.audio.speech.create({ model, voice, input, response_format: 'pcm' }, { signal });
  if (!response.body) return;
  const pcm = new Pcm16Chunks(); // chunks may split a 16-bit sample
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    const samples = pcm.push(chunk);
    if (samples.length) yield samples;
  }
}
