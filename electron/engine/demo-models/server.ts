// The demo models' HTTP server: the three OpenAI endpoints the voice bot uses, on the real wire
// (so the bot's own openai SDK code path runs unchanged): POST /v1/audio/transcriptions
// (multipart, answers {text}), POST /v1/chat/completions (JSON or an SSE stream, with tool calls),
// POST /v1/audio/speech (raw 24 kHz PCM or WAV). Loopback only, and a key made for this run.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import wavefile from 'wavefile';
import { z } from 'zod';
import { resample } from '../audio/resample.ts';
import { encodeWav } from '../audio/wav.ts';
import { BodyTooLargeError, readBody, sendError, sendJson, sendTooLarge } from '../net/respond.ts';
import { reply, summaryOf, understandingOf } from './answers.ts';
import { UNDERSTANDING_MARK } from '../pipeline/understanding.ts';
import { hear } from './hearing.ts';
import { demoCallerLines, type DemoLanguage } from './script.ts';
import { CLIP_RATE, speak } from './voice.ts';

/** The SDK's speech format `pcm`: 24 kHz, 16-bit, mono. */
const SPEECH_RATE = 24000;
/** A minute of 16 kHz speech is under 2 MB. */
const BODY_LIMIT = 4 * 1024 * 1024;

export type DemoEndpoint = 'transcriptions' | 'chat' | 'speech';

export interface DemoServerOptions {
  key: string;
  /** The script's language to answer in when the caller's words do not say it. */
  language: () => DemoLanguage;
  /** Each request served, for the log and the tests. */
  served: (endpoint: DemoEndpoint) => void;
}

const message = z.looseObject({ role: z.string(), content: z.unknown().optional() });
const chatBody = z.looseObject({
  model: z.string().optional(),
  messages: z.array(message).min(1),
  stream: z.boolean().optional(),
  tools: z.array(z.unknown()).optional(),
});
const speechBody = z.looseObject({
  input: z.string().max(4096),
  response_format: z.string().optional(),
});

export function demoModelsHandler(options: DemoServerOptions) {
  const expected = Buffer.from(`Bearer ${options.key}`);
  const authorized = (req: IncomingMessage) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!authorized(req)) return sendError(res, 401, 'the demo models answer only the demo calls of this Ringside');
    if (req.method !== 'POST') return sendError(res, 405, 'POST only');
    const path = (req.url ?? '').split('?', 1)[0];
    const endpoint = path === '/v1/audio/transcriptions' ? 'transcriptions' : path === '/v1/chat/completions' ? 'chat' : path === '/v1/audio/speech' ? 'speech' : undefined;
    if (!endpoint) return sendError(res, 404, `the demo models serve /v1/audio/transcriptions, /v1/chat/completions and /v1/audio/speech, not ${path}`);
    let body: Buffer;
    try {
      body = await readBody(req, BODY_LIMIT);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendTooLarge(res, error);
      throw error;
    }
    options.served(endpoint);
    if (endpoint === 'transcriptions') return transcription(req, body, res);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return sendError(res, 400, 'the body is not JSON');
    }
    if (endpoint === 'chat') return chat(json, res, options.language());
    return speech(json, res);
  };
}

async function transcription(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  let form: FormData;
  try {
    form = await new Request('http://demo/upload', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: new Uint8Array(body) }).formData();
  } catch {
    return sendError(res, 400, 'expected multipart/form-data with a file');
  }
  const file = form.get('file');
  if (!(file instanceof Blob)) return sendError(res, 400, 'expected a file field');
  let samples: Int16Array;
  let rate: number;
  try {
    const wav = new wavefile.WaveFile(Buffer.from(await file.arrayBuffer()));
    const fmt = wav.fmt as { audioFormat: number; bitsPerSample: number; numChannels: number; sampleRate: number };
    if (fmt.audioFormat !== 1 || fmt.bitsPerSample !== 16 || fmt.numChannels !== 1) throw new Error('not 16-bit mono PCM');
    samples = wav.getSamples(false, Int16Array) as unknown as Int16Array;
    rate = fmt.sampleRate;
  } catch {
    return sendError(res, 400, 'the demo models hear 16-bit mono PCM WAV files only');
  }
  const text = hear(samples, rate, demoCallerLines())?.text ?? '';
  if (form.get('response_format') === 'text') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    return;
  }
  sendJson(res, 200, { text });
}

/** The text of a message's content: a string, or the text parts of an array. */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '')).join(' ');
  return '';
}

function chat(json: unknown, res: ServerResponse, language: DemoLanguage): void {
  const parsed = chatBody.safeParse(json);
  if (!parsed.success) return sendError(res, 400, 'expected {model, messages: [{role, content}], stream?, tools?}');
  const { messages, stream, tools, model = 'demo' } = parsed.data;
  const id = `chatcmpl-demo-${Date.now().toString(36)}`;
  const lastUser = textOf([...messages].reverse().find((m) => m.role === 'user')?.content);
  const system = messages.filter((m) => m.role === 'system').map((m) => textOf(m.content)).join('\n');
  // A live call's side request (briefing, attention): asked without tools, with its mark.
  if (!stream && !tools?.length && system.includes(UNDERSTANDING_MARK)) {
    const content = JSON.stringify(understandingOf(lastUser));
    return sendJson(res, 200, { id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
  }
  // The after-call note: asked without tools, for a JSON object with a disposition.
  if (!stream && !tools?.length && /disposition/i.test(system)) {
    const content = JSON.stringify(summaryOf(lastUser, language));
    return sendJson(res, 200, { id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
  }
  const answer = reply(lastUser, !!tools?.length, language);
  const calls = answer.toolCalls.map((call, index) => ({ index, id: `call_demo_${index}`, type: 'function' as const, function: { name: call.name, arguments: JSON.stringify(call.arguments) } }));
  const finish = calls.length ? 'tool_calls' : 'stop';
  if (!stream) {
    const content = answer.text || null;
    return sendJson(res, 200, { id, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, message: { role: 'assistant', content, ...(calls.length && { tool_calls: calls.map(({ index: _, ...call }) => call) }) }, finish_reason: finish }] });
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);
  send({ role: 'assistant', content: '' });
  for (const token of answer.text.match(/\S+\s*/g) ?? []) send({ content: token });
  for (const call of calls) send({ tool_calls: [call] });
  send({}, finish);
  res.end('data: [DONE]\n\n');
}

function speech(json: unknown, res: ServerResponse): void {
  const parsed = speechBody.safeParse(json);
  if (!parsed.success) return sendError(res, 400, 'expected {model, voice, input (at most 4096 characters), response_format}');
  const format = parsed.data.response_format ?? 'mp3';
  if (format !== 'pcm' && format !== 'wav') return sendError(res, 400, `the demo models speak response_format pcm or wav, not ${format}`);
  const pcm = resample(speak(parsed.data.input), CLIP_RATE, SPEECH_RATE);
  if (format === 'wav') {
    res.writeHead(200, { 'content-type': 'audio/wav' }).end(encodeWav(pcm, SPEECH_RATE));
    return;
  }
  res.writeHead(200, { 'content-type': 'audio/pcm' });
  // In 100 ms pieces, as a speech service streams.
  const piece = SPEECH_RATE / 10;
  for (let at = 0; at < pcm.length; at += piece) {
    const chunk = pcm.subarray(at, at + piece);
    res.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  res.end();
}
