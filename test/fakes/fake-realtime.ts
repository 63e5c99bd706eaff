// The Realtime API, faked over a real WebSocket with the GA event names: session.update,
// input_audio_buffer.append (μ-law) with a simple energy-based server VAD, scripted responses
// (transcript and audio deltas, tool calls), response.cancel, conversation.item.truncate.
import type { WebSocket, WebSocketServer } from 'ws';
import { encodeUlaw, ULAW_TO_PCM } from '../../electron/engine/audio/g711.ts';
import { speechFor } from './fake-openai.ts';

export interface RealtimeReply {
  text?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
}

export interface RealtimeScript {
  /** What the caller said, one per detected utterance. */
  transcripts: string[];
  replies: RealtimeReply[];
  /** Every client event received. */
  requests: Record<string, unknown>[];
  /** The next response fails (status "failed") before saying anything. */
  failNext: boolean;
  /**
   * The next response with text ends early, after `afterPieces` of its 100 ms audio pieces, with
   * `response.done` of this status and `status_details` (as the API sends: `{type, reason}` for
   * incomplete and cancelled, `{type, error}` for failed).
   */
  endNext?: { afterPieces: number; status: 'incomplete' | 'cancelled' | 'failed'; status_details: Record<string, unknown> } | undefined;
  speechMsPerChar: number;
}

const FRAME_BYTES = 160; // 20 ms of μ-law at 8 kHz
let ids = 0;
const id = (prefix: string) => `${prefix}_${++ids}`;

export function attachFakeRealtime(wss: WebSocketServer, script: RealtimeScript): void {
  wss.on('connection', (ws) => new FakeRealtimeSession(ws, script));
}

interface TurnDetection {
  create_response: boolean;
  silence_duration_ms: number;
}

class FakeRealtimeSession {
  private readonly ws: WebSocket;
  private readonly script: RealtimeScript;
  private turnDetection: TurnDetection = { create_response: true, silence_duration_ms: 500 };
  private speaking = false;
  private silenceMs = 0;
  private itemId = '';
  private response: { id: string; cancelled: boolean } | undefined;

  constructor(ws: WebSocket, script: RealtimeScript) {
    this.ws = ws;
    this.script = script;
    this.send({ type: 'session.created', session: { type: 'realtime', id: id('sess') } });
    ws.on('message', (data: Buffer) => this.receive(JSON.parse(data.toString()) as Record<string, unknown>));
  }

  private send(event: Record<string, unknown>): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify({ event_id: id('event'), ...event }));
  }

  private receive(event: Record<string, unknown>): void {
    this.script.requests.push(event);
    switch (event.type) {
      case 'session.update': {
        const detection = (event.session as { audio?: { input?: { turn_detection?: Partial<TurnDetection> } } }).audio?.input?.turn_detection;
        if (detection) this.turnDetection = { ...this.turnDetection, ...detection };
        this.send({ type: 'session.updated', session: event.session });
        return;
      }
      case 'input_audio_buffer.append':
        return this.hear(Buffer.from(String(event.audio), 'base64'));
      case 'response.create':
        return void this.respond((event.response as { instructions?: string } | undefined)?.instructions);
      case 'response.cancel':
        if (!this.response) {
          this.send({ type: 'error', error: { type: 'invalid_request_error', code: 'response_cancel_not_active', message: 'Cancellation failed: no active response found.' } });
          return;
        }
        this.response.cancelled = true;
        return;
      case 'conversation.item.truncate':
        this.send({ type: 'conversation.item.truncated', item_id: event.item_id, content_index: 0, audio_end_ms: event.audio_end_ms });
        return;
      case 'conversation.item.create':
        this.send({ type: 'conversation.item.created', item: event.item });
        return;
    }
  }

  /** Server VAD: speech is 20 ms frames louder than a whisper; it ends after the silence setting. */
  private hear(ulaw: Buffer): void {
    for (let at = 0; at + FRAME_BYTES <= ulaw.length; at += FRAME_BYTES) {
      let energy = 0;
      for (let i = at; i < at + FRAME_BYTES; i++) energy += ULAW_TO_PCM[ulaw[i]!]! ** 2;
      const loud = Math.sqrt(energy / FRAME_BYTES) > 800;
      if (loud) {
        this.silenceMs = 0;
        if (!this.speaking) {
          this.speaking = true;
          this.itemId = id('item');
          this.send({ type: 'input_audio_buffer.speech_started', item_id: this.itemId, audio_start_ms: 0 });
          if (this.response) this.response.cancelled = true; // interrupt_response
        }
        continue;
      }
      if (!this.speaking) continue;
      this.silenceMs += 20;
      if (this.silenceMs < this.turnDetection.silence_duration_ms) continue;
      this.speaking = false;
      this.send({ type: 'input_audio_buffer.speech_stopped', item_id: this.itemId, audio_end_ms: 0 });
      this.send({ type: 'input_audio_buffer.committed', item_id: this.itemId });
      const transcript = this.script.transcripts.shift() ?? 'Hello?';
      this.send({ type: 'conversation.item.input_audio_transcription.completed', item_id: this.itemId, content_index: 0, transcript });
      if (this.turnDetection.create_response) void this.respond();
    }
  }

  private async respond(instructions?: string): Promise<void> {
    const response = { id: id('resp'), cancelled: false };
    this.response = response;
    this.send({ type: 'response.created', response: { id: response.id, object: 'realtime.response', status: 'in_progress', output: [] } });
    if (this.script.failNext) {
      this.script.failNext = false;
      this.response = undefined;
      this.send({ type: 'response.done', response: { id: response.id, status: 'failed', status_details: { type: 'failed', error: { type: 'server_error', message: 'the model crashed' } } } });
      return;
    }
    const quoted = instructions?.match(/"([^"]+)"/)?.[1];
    const reply = this.script.replies.shift() ?? { text: quoted ?? 'Sure, how can I help?' };
    const itemId = id('item');
    this.send({ type: 'response.output_item.added', response_id: response.id, item: { id: itemId, type: 'message', role: 'assistant' } });
    const endEarly = reply.text ? this.script.endNext : undefined;
    if (endEarly) this.script.endNext = undefined;
    if (reply.text) {
      const audio = encodeUlaw(speechFor(reply.text, 8000, this.script.speechMsPerChar));
      const words = reply.text.split(' ');
      const piece = 800; // 100 ms
      for (let at = 0, w = 0; at < audio.length; at += piece) {
        await new Promise((r) => setTimeout(r, 10)); // faster than real time
        if (response.cancelled) break;
        if (endEarly && at >= endEarly.afterPieces * piece) {
          if (this.response === response) this.response = undefined;
          const { status, status_details } = endEarly;
          this.send({ type: 'response.done', response: { id: response.id, object: 'realtime.response', status, status_details, output: [], usage: { total_tokens: 0, input_tokens: 0, output_tokens: 0 } } });
          return;
        }
        if (w < words.length) this.send({ type: 'response.output_audio_transcript.delta', response_id: response.id, item_id: itemId, delta: (w > 0 ? ' ' : '') + words[w++] });
        this.send({ type: 'response.output_audio.delta', response_id: response.id, item_id: itemId, delta: Buffer.from(audio.subarray(at, at + piece)).toString('base64') });
        if (at + piece >= audio.length && w < words.length) this.send({ type: 'response.output_audio_transcript.delta', response_id: response.id, item_id: itemId, delta: ' ' + words.slice(w).join(' ') });
      }
    }
    for (const call of reply.toolCalls ?? []) {
      const callId = id('call');
      this.send({ type: 'response.output_item.added', response_id: response.id, item: { id: id('item'), type: 'function_call', call_id: callId, name: call.name } });
      this.send({ type: 'response.function_call_arguments.done', response_id: response.id, call_id: callId, name: call.name, arguments: JSON.stringify(call.arguments) });
    }
    if (this.response === response) this.response = undefined;
    this.send({ type: 'response.done', response: { id: response.id, status: response.cancelled ? 'cancelled' : 'completed', output: [] } });
  }
}
