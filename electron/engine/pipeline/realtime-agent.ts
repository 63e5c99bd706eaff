// The voice bot of one call, realtime engine: a speech-to-speech model over the Realtime API.
// Caller audio goes as G.711 μ-law, the model's server VAD takes turns; each response is a
// SpeechTurn with the pipeline's semantics: barge-in stops the bot (break + truncate to what was
// heard), takeover silences it, a failure gets the spoken fallback. A response that ends early
// (`response.done` with status `incomplete`, `cancelled` or `failed` after some audio) plays out
// what was sent, is stored as final and marked incomplete, and the bot listens again; a failure
// also shows its reason on the card and the timeline.
import { randomUUID } from 'node:crypto';
import type { RealtimeClientEvent, RealtimeResponse, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import type { CallMode } from '../../../shared/call.ts';
import { decodeG711, encodeUlaw, ULAW_TO_PCM } from '../audio/g711.ts';
import { Resampler, resample } from '../audio/resample.ts';
import type { Played } from '../calls/line.ts';
import { CLOSE } from '../net/ws-close-codes.ts';
import { AgentBase, lineRate, type AgentHost, type AgentSettings } from './agent-base.ts';
import { openRealtime, type RealtimeSocket } from './realtime-socket.ts';
import type { Heard, SpeechTurn } from './speech-turn.ts';
import { BOT_TOOLS, parseAction, type BotAction } from './tools.ts';
import { greetingOf } from '../privacy/notice.ts';

/** Caller audio is sent in 100 ms appends (800 μ-law bytes at 8 kHz). */
const APPEND_BYTES = 800;

/** One response of the model, spoken as a turn. */
interface Response {
  id: string;
  turn: SpeechTurn;
  itemId: string | undefined;
  actions: { callId: string; name: string; arguments: string }[];
}

export class RealtimeAgent extends AgentBase {
  protected readonly engine = 'realtime' as const;
  private readonly rt: RealtimeSocket;
  private open = false;
  private unsent: RealtimeClientEvent[] = [];
  private audio: Uint8Array[] = [];
  private audioBytes = 0;
  private toEightKhz: Resampler | undefined;
  /** The response being spoken (the one a barge-in cuts). */
  private response: Response | undefined;
  /** Responses whose `response.done` has not come yet, by id (an older one may still be playing out). */
  private readonly responses = new Map<string, Response>();
  private speechEndedAt = 0;
  private nextSpeaker: 'bot' | 'supervisor' = 'bot';
  private callerUtterance: string | undefined;

  constructor(host: AgentHost, settings: AgentSettings, mode: CallMode) {
    super(host, settings, mode);
    this.rt = openRealtime(settings.clients.realtime, settings.config.realtimeModel, {
      open: () => {
        this.open = true;
        for (const event of this.unsent.splice(0)) this.rt.send(event);
      },
      event: (event) => this.receive(event),
      error: (error) => {
        if (error.code === 'response_cancel_not_active') return; // a cancel raced the end of a response
        this.fail('the realtime model', error);
      },
      close: () => {
        if (!this.stopped) this.fail('the realtime connection', new Error('closed by the server'));
      },
    });
  }

  start(): void {
    const { config } = this.settings;
    this.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        instructions: this.lines.systemPrompt,
        output_modalities: ['audio'],
        audio: {
          input: {
            format: { type: 'audio/pcmu' },
            transcription: { model: config.sttModel, language: config.botLanguage },
            turn_detection: { type: 'server_vad', silence_duration_ms: config.turnSilenceMs, create_response: this.mode === 'bot', interrupt_response: true },
          },
          output: { format: { type: 'audio/pcmu' }, voice: config.ttsVoice },
        },
        tools: BOT_TOOLS.map(({ function: f }) => ({ type: 'function' as const, name: f.name, description: f.description, parameters: f.parameters })),
      },
    });
    const greeting = greetingOf(this.lines.greeting, config);
    if (this.mode === 'bot' && greeting) this.send({ type: 'response.create', response: { instructions: this.lines.greetWith(greeting) } });
  }

  callerAudio(samples: Int16Array, sampleRate: number): void {
    if (sampleRate !== 8000) this.toEightKhz ??= new Resampler(sampleRate, 8000);
    const ulaw = encodeUlaw(this.toEightKhz ? this.toEightKhz.push(samples) : samples);
    this.audio.push(ulaw);
    this.audioBytes += ulaw.length;
    if (this.audioBytes < APPEND_BYTES) return;
    this.send({ type: 'input_audio_buffer.append', audio: Buffer.concat(this.audio).toString('base64') });
    this.audio = [];
    this.audioBytes = 0;
  }

  cleared(played: Played): void {
    void this.interrupt('break', played);
  }

  takeover(): void {
    void this.interrupt('takeover');
    this.turnDetection(false);
    this.setMode('human', 'taken-over');
  }

  handback(line = false): void {
    if (this.mode === 'bot') return;
    // The caller's words during the take-over are in the session (its server VAD kept committing
    // them, without answering); the supervisor's came as system items (remember).
    this.systemItem(this.lines.handedBack);
    this.turnDetection(true);
    this.setMode('bot', 'handed-back');
    if (line) this.send({ type: 'response.create', response: { instructions: this.lines.sayExactly(this.lines.handBackLine) } });
  }

  whisper(text: string): void {
    this.systemItem(this.lines.whisper(text));
  }

  say(text: string): void {
    void this.interrupt('say');
    this.nextSpeaker = 'supervisor';
    this.send({ type: 'response.create', response: { instructions: this.lines.sayExactly(text) } });
  }

  override async stop(): Promise<void> {
    await super.stop();
    for (const response of this.responses.values()) response.turn.fail();
    this.response?.turn.fail();
    this.rt.close(CLOSE.normal, 'call over');
  }

  resume(earlier: readonly { speaker: 'caller' | 'bot' | 'supervisor'; text: string }[]): void {
    for (const { speaker, text } of earlier) {
      const item =
        speaker === 'caller'
          ? { type: 'message' as const, role: 'user' as const, content: [{ type: 'input_text' as const, text }] }
          : speaker === 'bot'
            ? { type: 'message' as const, role: 'assistant' as const, content: [{ type: 'output_text' as const, text }] }
            : { type: 'message' as const, role: 'system' as const, content: [{ type: 'input_text' as const, text: this.lines.supervisorTold(text) }] };
      this.send({ type: 'conversation.item.create', item });
    }
  }

  protected remember(supervisorText: string): void {
    this.systemItem(this.lines.supervisorTold(supervisorText));
  }

  /** A system message in the conversation: the model reads it from its next response on. */
  private systemItem(text: string): void {
    this.send({ type: 'conversation.item.create', item: { type: 'message', role: 'system', content: [{ type: 'input_text', text }] } });
  }

  private receive(event: RealtimeServerEvent): void {
    const response = this.response;
    switch (event.type) {
      case 'input_audio_buffer.speech_started':
        this.callerUtterance = randomUUID();
        this.host.utterance({ id: this.callerUtterance, speaker: 'caller', text: '', final: false, startMs: this.timelineMs() });
        if (this.mode === 'bot') void this.interrupt('barge-in');
        return;
      case 'input_audio_buffer.speech_stopped':
        this.speechEndedAt = this.now() - this.settings.config.turnSilenceMs;
        return;
      case 'conversation.item.input_audio_transcription.completed':
        this.host.utterance({ id: this.callerUtterance ?? event.item_id, speaker: 'caller', text: event.transcript.trim(), final: true, startMs: this.timelineMs() });
        response?.turn.mark('transcriptMs');
        return;
      case 'response.created':
        this.begin(event.response.id ?? randomUUID());
        return;
      case 'response.output_item.added':
        if (response && event.item.type === 'message') response.itemId = event.item.id;
        return;
      case 'response.output_audio.delta':
        if (response && event.response_id === response.id) this.play(response, event.delta);
        return;
      case 'response.output_audio_transcript.delta':
        if (!response || event.response_id !== response.id) return;
        response.turn.mark('llmFirstTokenMs');
        response.turn.words(event.delta);
        return;
      case 'response.function_call_arguments.done':
        if (response && event.response_id === response.id) response.actions.push({ callId: event.call_id, name: event.name, arguments: event.arguments });
        return;
      case 'response.done':
        this.done(event.response);
        return;
      default:
        return;
    }
  }

  private begin(id: string): void {
    const from = this.speechEndedAt || this.now();
    const response: Response = { id, itemId: undefined, actions: [], turn: this.newTurn(from, this.nextSpeaker, (heard) => this.cut(response, heard)) };
    this.responses.set(id, response);
    // A response the model starts while another is still playing out: the new one is the one a
    // barge-in cuts; the other still ends on its own (its line stored once its audio has played).
    this.response = response;
    this.nextSpeaker = 'bot';
    this.speechEndedAt = 0;
    this.setState('thinking');
  }

  private play(response: Response, base64: string): void {
    const rate = lineRate(this.host.line.sampleRate);
    const pcm = decodeG711(Buffer.from(base64, 'base64'), ULAW_TO_PCM);
    response.turn.mark('ttsFirstByteMs');
    response.turn.play(rate === 8000 ? pcm : resample(pcm, 8000, rate), rate);
  }

  /**
   * The model ended a response. `completed`: its tool calls run, and its line is stored once heard.
   * `incomplete` (max_output_tokens, content_filter), `cancelled` (not by us: we cut ours first)
   * and `failed`: what was sent plays out and is stored as final, marked incomplete; a failure
   * with nothing said gets the fallback, as any model failure does.
   */
  private done(result: RealtimeResponse): void {
    const response = result.id ? this.responses.get(result.id) : undefined;
    if (result.id) this.responses.delete(result.id);
    if (response?.turn.ended) return; // cut by a barge-in or a supervisor: already stored
    const details = result.status_details;
    switch (result.status) {
      case 'completed':
        if (response) void response.turn.run(this.complete(response));
        return;
      case 'failed': {
        const reason = details?.error?.message ?? details?.error?.code ?? details?.error?.type ?? 'the response failed';
        if (!response || response.turn.audioMs === 0) {
          response?.turn.fail();
          if (response && this.response === response) this.response = undefined;
          this.fail('the realtime model', new Error(reason));
          return;
        }
        this.host.logger.warn('realtime response failed', { reason });
        this.problem(`the realtime model failed: ${reason}`);
        void response.turn.run(this.playOut(response, 'failed'));
        return;
      }
      case 'incomplete':
        if (response) void response.turn.run(this.playOut(response, details?.reason ?? 'incomplete'));
        return;
      default: // cancelled (not by us: we cut ours first), or a status this engine does not know
        if (response) void response.turn.run(this.playOut(response, result.status ?? 'incomplete'));
    }
  }

  /** A completed response: run its tool calls, then end the turn once its audio was heard. */
  private async complete(response: Response): Promise<void> {
    let followUp = false;
    for (const call of response.actions) {
      const action = parseAction(call.name, call.arguments);
      if (!('error' in action)) this.host.acted(action);
      const output = 'error' in action ? action.error : await this.act(response, action);
      followUp ||= !('error' in action) && (action.name === 'transfer' || action.name === 'send_dtmf');
      this.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: call.callId, output } });
    }
    if (followUp) this.send({ type: 'response.create' });
    await this.playOut(response);
  }

  /** The turn ends once what it sent has played: its line stored as final, the bot listening again. */
  private async playOut(response: Response, incomplete?: string): Promise<void> {
    if (!(await response.turn.finish(incomplete))) return;
    if (this.response !== response) return; // a newer response speaks now
    this.response = undefined;
    this.rest();
  }

  private async act(response: Response, action: BotAction): Promise<string> {
    const heardAll = () => this.host.line.waitForPlayout(response.turn.signal).catch(() => undefined);
    switch (action.name) {
      case 'transfer_to_human':
        this.host.needsHuman(action.reason, 'bot-asked');
        this.turnDetection(false);
        this.send({ type: 'response.create', response: { instructions: this.lines.sayExactly(this.lines.holdMessage), tools: [] } });
        this.setMode('human', 'bot-asked', action.reason);
        return this.lines.humanRequested;
      default:
        return this.lineAction(action, heardAll);
    }
  }

  /**
   * The caller cut in (or a supervisor did: `cleared` is what their break left heard): the turn
   * clears the line and stores what was heard; the model is told to stop and what was heard.
   */
  private async interrupt(reason: string, cleared?: Played): Promise<void> {
    const response = this.response;
    if (!response) return;
    this.response = undefined;
    const stopped = response.turn.interrupt(reason, cleared);
    this.rest();
    await stopped;
  }

  /** Tells the model its response was cut, and how much of it the caller heard. */
  private cut(response: Response, heard: Heard): void {
    this.send({ type: 'response.cancel' });
    if (response.itemId) this.send({ type: 'conversation.item.truncate', item_id: response.itemId, content_index: 0, audio_end_ms: Math.round(heard.heardMs) });
  }

  /** Whether the model answers by itself when the caller stops talking (off while a person has the call). */
  private turnDetection(respond: boolean): void {
    const { config } = this.settings;
    this.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: config.turnSilenceMs, create_response: respond, interrupt_response: true } } },
      },
    });
  }

  private send(event: RealtimeClientEvent): void {
    if (this.open) this.rt.send(event);
    else this.unsent.push(event);
  }
}
