// A fake OpenAI-compatible server that the real openai SDK talks to: speech-to-text (multipart),
// streamed chat completions with tool calls (SSE), streamed speech (raw PCM), and the Realtime API
// over WebSocket. Replies and latencies are scripted; every request is recorded for assertions.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import wavefile from 'wavefile';
import { WebSocketServer } from 'ws';
import { attachFakeRealtime, type RealtimeScript } from './fake-realtime.ts';
import { selfSignedCert } from './requests.ts';

export interface ChatReply {
  text?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
  /** Fail the request with this HTTP status instead of answering. */
  status?: number;
}

export interface FakeOpenAIOptions {
  /** Latencies of each stage, in ms (first byte for streamed answers). */
  sttMs?: number;
  llmFirstTokenMs?: number;
  /** Delay between streamed tokens after the first. */
  llmTokenMs?: number;
  ttsFirstByteMs?: number;
  /** Serve over HTTPS (needed by the SDK's Realtime WebSocket, which always uses wss). */
  https?: boolean;
}

export interface RecordedRequest {
  path: string;
  at: number;
  body: Record<string, unknown>;
  /** For transcriptions: the uploaded audio's duration, in seconds. */
  audioSeconds?: number;
  /** The client hung up before the answer was complete (the SDK call was aborted). */
  aborted?: boolean;
}

/** 65 ms of speech per character: about the pace of a person reading aloud. */
export const SPEECH_MS_PER_CHAR = 65;
export const TTS_RATE = 24000;

export class FakeOpenAI {
  readonly requests: RecordedRequest[] = [];
  /** Next transcripts, in order; when empty, `transcribe` answers. */
  readonly transcripts: string[] = [];
  transcribe: (audioSeconds: number) => string = () => 'Hello?';
  /** Next chat replies, in order; when empty, `reply` answers. */
  readonly replies: ChatReply[] = [];
  reply: (messages: { role: string; content?: unknown }[]) => ChatReply = () => ({ text: 'Sure. How can I help?' });
  /** The answer to non-streamed completions (the after-call summary), kept apart from `replies`. */
  summary: ChatReply = { text: '{"summary": "The caller asked about an order.", "disposition": "resolved"}' };
  /**
   * The answer to a live call's side request (recognised by its instructions), given the transcript
   * so far (`speaker: words` lines): by default a calm caller who wants nothing more.
   */
  understand: (transcript: string) => ChatReply = () => ({ text: '{"mood": "calm", "frustrated": false, "asks_for_person": false}' });
  /** Fail these stages (HTTP 500) until cleared. */
  readonly failing = new Set<'stt' | 'llm' | 'tts'>();
  readonly realtime: RealtimeScript;
  options: Required<Omit<FakeOpenAIOptions, 'https'>>;
  /** The certificate (PEM) of the HTTPS server, for clients to trust. */
  certificate: string | undefined;
  private server!: Server;
  private url!: string;

  constructor(options: FakeOpenAIOptions = {}) {
    this.options = { sttMs: 0, llmFirstTokenMs: 0, llmTokenMs: 0, ttsFirstByteMs: 0, ...options };
    this.realtime = { transcripts: [], replies: [], requests: [], failNext: false, speechMsPerChar: SPEECH_MS_PER_CHAR };
  }

  /** Base URL for the SDK (`.../v1`). */
  get baseURL(): string {
    return `${this.url}/v1`;
  }

  async start(https = false): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    if (https) {
      const tls = selfSignedCert();
      this.certificate = tls.cert;
      this.server = createHttpsServer(tls, handler);
    } else {
      this.server = createHttpServer(handler);
    }
    const wss = new WebSocketServer({ server: this.server, path: '/v1/realtime', perMessageDeflate: false });
    attachFakeRealtime(wss, this.realtime);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `${https ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Requests made to one endpoint (chat: the bot's streamed turns only, not summaries). */
  made(path: '/v1/audio/transcriptions' | '/v1/chat/completions' | '/v1/audio/speech'): RecordedRequest[] {
    return this.requests.filter((r) => r.path === path && (path !== '/v1/chat/completions' || r.body.stream === true));
  }

  /** The after-call summary requests. */
  get summaries(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/v1/chat/completions' && r.body.stream !== true && !isSideRequest(r.body));
  }

  /** The side requests on live calls (briefing and attention). */
  get sideRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/v1/chat/completions' && isSideRequest(r.body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    // Latencies count from the complete request, like a real service's: the fake's own parsing is inside them.
    const at = performance.now();
    const path = (req.url ?? '').split('?')[0]!;
    try {
      if (path === '/v1/audio/transcriptions') return await this.transcription(req, raw, res, at);
      if (path === '/v1/chat/completions') return await this.chat(JSON.parse(raw.toString()) as Record<string, unknown>, res, at);
      if (path === '/v1/audio/speech') return await this.speech(JSON.parse(raw.toString()) as Record<string, unknown>, res, at);
      res.writeHead(404).end();
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: (error as Error).message } }));
    }
  }

  private async transcription(req: IncomingMessage, raw: Buffer, res: ServerResponse, at: number): Promise<void> {
    const form = await new Request('http://fake/upload', { method: 'POST', headers: req.headers as Record<string, string>, body: new Uint8Array(raw) }).formData();
    const file = form.get('file') as Blob;
    const wav = new wavefile.WaveFile(Buffer.from(await file.arrayBuffer()));
    const { sampleRate } = wav.fmt as { sampleRate: number };
    const audioSeconds = (wav.getSamples(false, Int16Array) as unknown as Int16Array).length / sampleRate;
    this.requests.push({ path: '/v1/audio/transcriptions', at, audioSeconds, body: { model: form.get('model'), language: form.get('language') } });
    await delay(this.options.sttMs - (performance.now() - at));
    if (this.failing.has('stt')) return fail(res, 500, 'the transcription service is down');
    const text = this.transcripts.shift() ?? this.transcribe(audioSeconds);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text }));
  }

  private async chat(body: Record<string, unknown>, res: ServerResponse, at: number): Promise<void> {
    const request: RecordedRequest = { path: '/v1/chat/completions', at, body };
    this.requests.push(request);
    watchAbort(request, res);
    const streamed = body.stream === true;
    const messages = body.messages as { role: string; content?: unknown }[];
    const next = () => (streamed ? (this.replies.shift() ?? this.reply(messages)) : isSideRequest(body) ? this.understand(String(messages.at(-1)?.content ?? '')) : this.summary);
    const reply = this.failing.has('llm') ? { status: 500 } : next();
    await delay(this.options.llmFirstTokenMs - (performance.now() - at));
    if (reply.status) return fail(res, reply.status, 'the language model is overloaded');
    const id = `chatcmpl-${Math.random().toString(36).slice(2)}`;
    const text = reply.text ?? '';
    if (!streamed) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id, object: 'chat.completion', created: 0, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (delta: Record<string, unknown>, finish: string | null = null) =>
      res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`);
    send({ role: 'assistant', content: '' });
    for (const [i, token] of (text.match(/\S+\s*/g) ?? []).entries()) {
      if (i > 0) await delay(this.options.llmTokenMs);
      if (res.destroyed) return;
      send({ content: token });
    }
    for (const [index, call] of (reply.toolCalls ?? []).entries()) {
      send({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: call.name, arguments: '' } }] });
      send({ tool_calls: [{ index, function: { arguments: JSON.stringify(call.arguments) } }] });
    }
    send({}, reply.toolCalls?.length ? 'tool_calls' : 'stop');
    res.end('data: [DONE]\n\n');
  }

  private async speech(body: Record<string, unknown>, res: ServerResponse, at: number): Promise<void> {
    const request: RecordedRequest = { path: '/v1/audio/speech', at, body };
    this.requests.push(request);
    watchAbort(request, res);
    await delay(this.options.ttsFirstByteMs - (performance.now() - at));
    if (this.failing.has('tts')) return fail(res, 500, 'the speech service is down');
    const pcm = speechFor(String(body.input));
    res.writeHead(200, { 'content-type': 'audio/pcm' });
    // Streamed in 100 ms pieces, faster than real time, as a speech service does.
    const piece = TTS_RATE / 10;
    for (let at = 0; at < pcm.length; at += piece) {
      if (at > 0) await delay(2);
      if (res.destroyed) return;
      const chunk = pcm.subarray(at, at + piece);
      res.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    res.end();
  }
}

/** "Speech" for a text: a voiced tone as long as reading it aloud would take. */
export function speechFor(text: string, rate = TTS_RATE, msPerChar = SPEECH_MS_PER_CHAR): Int16Array {
  const samples = Math.round((rate * Math.max(300, text.length * msPerChar)) / 1000);
  return Int16Array.from({ length: samples }, (_, i) => Math.round(6000 * Math.sin((2 * Math.PI * 180 * i) / rate) * (0.6 + 0.4 * Math.sin((2 * Math.PI * 3 * i) / rate))));
}

/** A side request carries its mark (`asks_for_person`) in its instructions; the summary does not. */
function isSideRequest(body: Record<string, unknown>): boolean {
  const first = (body.messages as { role: string; content?: unknown }[] | undefined)?.[0];
  return first?.role === 'system' && String(first.content).includes('asks_for_person');
}

function watchAbort(request: RecordedRequest, res: ServerResponse): void {
  res.on('close', () => {
    if (!res.writableFinished) request.aborted = true;
  });
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message, type: 'server_error' } }));
}

const delay = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
