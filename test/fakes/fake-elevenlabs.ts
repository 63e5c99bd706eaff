// A stand-in for ElevenLabs' text-to-speech API that its official SDK talks to, speaking the real
// HTTP protocol (API reference, "Stream speech"): `POST /v1/text-to-speech/{voice_id}/stream
// ?output_format=…` with the key in `xi-api-key` and a JSON body `{text, model_id, …}`, answered
// with the audio as a chunked stream (raw 16-bit PCM for `pcm_*`, G.711 μ-law bytes for `ulaw_8000`);
// errors as ElevenLabs sends them, `{"detail": {"status": "<code>", "message": "…"}}`: 401
// `invalid_api_key` or `quota_exceeded`, 404 `voice_not_found`, 400 `model_not_found`, 429
// `too_many_concurrent_requests`. Latency and refusals are scripted; every request is recorded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeUlaw } from '../../electron/engine/audio/g711.ts';
import { speechFor } from './fake-openai.ts';

export interface ElevenLabsRequest {
  voiceId: string;
  /** `output_format` from the query string (ElevenLabs' default, `mp3_44100_128`, when absent). */
  outputFormat: string;
  apiKey: string | undefined;
  body: { text?: string; model_id?: string } & Record<string, unknown>;
  /** When the request was complete (performance.now()). */
  at: number;
  /** The client hung up before the audio was complete. */
  aborted?: boolean;
}

/** Formats the stand-in can make: raw PCM and μ-law at these rates. */
const RATES: Record<string, number> = { ulaw_8000: 8000, pcm_8000: 8000, pcm_16000: 16000, pcm_22050: 22050, pcm_24000: 24000, pcm_44100: 44100 };

export class FakeElevenLabs {
  readonly requests: ElevenLabsRequest[] = [];
  /** Keys it accepts. */
  readonly keys = new Set(['el-test-key-0001']);
  /** Voices the key has. */
  readonly voices = new Set(['JBFqnCBsd6RMkjVDRZzb', 'voice-fr-0001']);
  readonly models = new Set(['eleven_flash_v2_5', 'eleven_multilingual_v2']);
  /** Characters left on the account (`quota_exceeded` past them). */
  credits = Infinity;
  /** Answer 429 `too_many_concurrent_requests` while set. */
  busy = false;
  /** Ms from the complete request to the first audio byte. */
  firstByteMs: number;
  /** Ms of speech per character of text. */
  msPerChar: number | undefined;
  /** Ms between the 100 ms pieces of audio (2: much faster than real time; 100: real time). */
  pieceMs: number;
  /** Ms of audio sent at once before that pace sets in (a generation running ahead of playback). */
  headStartMs: number;
  private server!: Server;
  private url!: string;

  constructor(options: { firstByteMs?: number; msPerChar?: number; pieceMs?: number; headStartMs?: number } = {}) {
    this.firstByteMs = options.firstByteMs ?? 0;
    this.msPerChar = options.msPerChar;
    this.pieceMs = options.pieceMs ?? 2;
    this.headStartMs = options.headStartMs ?? 0;
  }

  /** For the SDK's `baseUrl` and `ELEVENLABS_BASE_URL` (no `/v1`: the SDK adds it). */
  get baseUrl(): string {
    return this.url;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const match = /^\/v1\/text-to-speech\/([^/]+)\/stream$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) return detail(res, 404, 'not_found', 'Not Found');
    let body: ElevenLabsRequest['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString()) as ElevenLabsRequest['body'];
    } catch {
      return void res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: [{ loc: ['body'], msg: 'Invalid JSON', type: 'value_error' }] }));
    }
    const apiKey = header(req, 'xi-api-key');
    const request: ElevenLabsRequest = { voiceId: decodeURIComponent(match[1]!), outputFormat: url.searchParams.get('output_format') ?? 'mp3_44100_128', apiKey, body, at };
    this.requests.push(request);
    res.on('close', () => {
      if (!res.writableFinished) request.aborted = true;
    });
    const text = typeof body.text === 'string' ? body.text : '';
    if (!apiKey || !this.keys.has(apiKey)) return detail(res, 401, 'invalid_api_key', 'Invalid API key');
    if (!this.voices.has(request.voiceId)) return detail(res, 404, 'voice_not_found', `A voice with voice_id ${request.voiceId} does not exist.`);
    if (body.model_id !== undefined && !this.models.has(String(body.model_id))) return detail(res, 400, 'model_not_found', `A model with model ID ${String(body.model_id)} does not exist.`);
    if (!text) return void res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: [{ loc: ['body', 'text'], msg: 'Field required', type: 'missing' }] }));
    const rate = RATES[request.outputFormat];
    if (!rate) return detail(res, 400, 'invalid_output_format', `The stand-in makes only ${Object.keys(RATES).join(', ')}.`);
    if (this.busy) return detail(res, 429, 'too_many_concurrent_requests', 'Too many concurrent requests. Your current subscription is associated with a maximum of 2 concurrent requests.');
    if (text.length > this.credits) return detail(res, 401, 'quota_exceeded', `This request exceeds your quota of 10000. You have ${this.credits} credits remaining, while ${text.length} credits are required for this request.`);
    this.credits -= text.length;

    await delay(this.firstByteMs - (performance.now() - at));
    if (res.destroyed) return;
    const pcm = speechFor(text, rate, this.msPerChar);
    const ulaw = request.outputFormat.startsWith('ulaw');
    res.writeHead(200, { 'content-type': ulaw ? 'audio/basic' : 'audio/pcm', 'request-id': `req-${this.requests.length}`, 'character-cost': String(text.length) });
    // Streamed in 100 ms pieces, by default faster than real time, as the service does.
    const piece = rate / 10;
    for (let i = 0; i < pcm.length; i += piece) {
      if (i > 0 && i >= (rate * this.headStartMs) / 1000) await delay(this.pieceMs);
      if (res.destroyed) return;
      const chunk = pcm.subarray(i, i + piece);
      res.write(ulaw ? encodeUlaw(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    res.end();
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function detail(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: { status: code, message } }));
}

const delay = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
